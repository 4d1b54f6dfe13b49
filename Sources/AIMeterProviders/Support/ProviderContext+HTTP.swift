import AIMeterCore
import AIMeterHTTP
import Foundation

extension ProviderContext {
    /// Sends `request` through ``http``, turning client failures into ``ProviderError``s
    /// (timeout, transport, response too large, invalid URL → configuration).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await http.send(request)
        } catch let error as HTTPClientError {
            throw error.providerError
        } catch let error as ProviderError {
            throw error
        } catch {
            throw ProviderError.transport(String(describing: type(of: error)))
        }
    }

    /// `origin(default:)` followed by `path`: the URL of an upstream endpoint, honouring the
    /// entry's `baseUrl` override (which replaces scheme and host of every upstream host).
    public func url(_ path: String, defaultOrigin: String) -> String {
        origin(default: defaultOrigin) + path
    }
}
