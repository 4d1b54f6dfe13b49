import AIMeterHTTP
import Foundation

/// Gives every request that does not set its own timeout `collector.requestTimeoutSeconds`,
/// so the setting applies to all adapters without each one knowing it.
struct RequestTimeoutHTTPClient: HTTPClient {
    let base: any HTTPClient
    let timeoutSeconds: Double

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if Task.isCancelled { throw HTTPClientError.cancelled }
        var request = request
        request.timeoutSeconds = request.timeoutSeconds ?? timeoutSeconds
        return try await base.send(request)
    }
}
