import AIMeterCore
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

/// What every provider test harness shares: fixtures, a mock upstream that is always stopped, and
/// the ``ProviderError`` a call throws. Each family's harness adds its own clock, client and contexts.
protocol ProviderHTTPHarness {}

extension ProviderHTTPHarness {
    /// The bytes of `Fixtures/<path>`.
    static func data(_ path: String) throws -> Data {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: root.appendingPathComponent(path))
    }

    /// `Fixtures/<path>` as text.
    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }

    /// `Fixtures/<path>` parsed as JSON.
    static func json(_ path: String) throws -> JSONValue { try JSONValue.parse(data(path)) }

    /// Runs `body` against a fresh upstream and stops it afterwards, also when `body` throws.
    static func withUpstream<T>(_ body: (MockUpstream) async throws -> T) async throws -> T {
        let upstream = try await MockUpstream.start()
        do {
            let result = try await body(upstream)
            await upstream.stop()
            return result
        } catch {
            await upstream.stop()
            throw error
        }
    }

    /// The error the synchronous `body` (typically a parser) throws, nil when it succeeds; a
    /// non-``ProviderError`` becomes a transport error naming its type, so an assertion on the case fails visibly.
    static func parsingError(_ body: () throws -> some Any) -> ProviderError? {
        do {
            _ = try body()
            return nil
        } catch {
            return asProviderError(error)
        }
    }

    /// The error the asynchronous `body` throws, mapped as ``parsingError(_:)`` maps it.
    static func providerError(_ body: () async throws -> some Any) async -> ProviderError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return asProviderError(error)
        }
    }

    /// The error one `fetch` of `adapter` in `context` throws, nil when it succeeds.
    static func fetchError(_ adapter: any ProviderAdapter, _ context: ProviderContext) async -> ProviderError? {
        await providerError { try await adapter.fetch(context) }
    }

    private static func asProviderError(_ error: any Error) -> ProviderError {
        error as? ProviderError ?? .transport("not a ProviderError: \(type(of: error))")
    }
}
