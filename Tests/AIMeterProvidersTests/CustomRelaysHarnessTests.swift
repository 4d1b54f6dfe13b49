import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

/// Fixtures, contexts and the failure matrix shared by the relay adapter tests
/// (AceData, codex-proxy, custom).
enum RelaysHarness {
    /// 2026-03-14T10:00:00Z, a Saturday: the fixed clock of every relay test.
    static let now = Date(timeIntervalSince1970: 1_773_482_400)
    /// Small body cap so the oversized case stays cheap.
    static let maxResponseBytes = 128 * 1024
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxResponseBytes: maxResponseBytes))

    static func data(_ path: String) throws -> Data {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: root.appendingPathComponent(path))
    }

    static func json(_ path: String) throws -> JSONValue { try JSONValue.parse(data(path)) }

    static func config(
        _ type: ProviderType, id: String? = nil, credentials: Credentials? = nil, baseURL: String? = nil,
        plan: String? = nil, options: [String: JSONValue] = [:]
    ) -> ProviderConfig {
        ProviderConfig(id: id ?? "relay-\(type.rawValue)", type: type, baseURL: baseURL, plan: plan, credentials: credentials, options: options)
    }

    static func context(_ config: ProviderConfig) -> ProviderContext {
        ProviderContext(config: config, credentials: config.credentials, http: client, now: { now })
    }

    /// The error `fetch` throws, nil when it succeeds; a non-``ProviderError`` becomes a
    /// transport error naming its type, so an assertion on the case fails visibly.
    static func fetchError(_ adapter: any ProviderAdapter, _ config: ProviderConfig) async -> ProviderError? {
        do {
            _ = try await adapter.fetch(context(config))
            return nil
        } catch let error as ProviderError {
            return error
        } catch {
            return .transport("not a ProviderError: \(type(of: error))")
        }
    }

    /// Runs `body` against a fresh upstream and stops it afterwards.
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

    /// The error thrown by `unchecked`, which should fail with a ``ProviderError``.
    static func providerError(_ unchecked: () throws -> some Any) -> ProviderError? {
        do {
            _ = try unchecked()
            return nil
        } catch let error as ProviderError {
            return error
        } catch {
            return .transport("not a ProviderError: \(type(of: error))")
        }
    }
}

/// The upstream failures every relay adapter must map the same way.
enum RelayFailure: String, CaseIterable, Sendable {
    case unauthorized, forbidden, rateLimited, serverError, malformedJSON, oversized

    /// The canned answer; the 500 body echoes the secret to prove it is redacted.
    func response(echoing secret: String) -> MockResponse {
        switch self {
        case .unauthorized: .unauthorized()
        case .forbidden: .forbidden()
        case .rateLimited: .rateLimited(retryAfter: "42")
        case .serverError: .serverError("boom, key \(secret) broke")
        case .malformedJSON: .malformedJSON()
        case .oversized: .oversized(bytes: RelaysHarness.maxResponseBytes + 10_000)
        }
    }

    /// Whether `error` is the mapping this failure must produce (and leaks no `secret`).
    func isExpected(_ error: ProviderError?, secret: String) -> Bool {
        guard let error, !error.message.contains(secret) else { return false }
        switch (self, error) {
        case (.unauthorized, .authRequired), (.forbidden, .authRequired): return true
        case (.rateLimited, .rateLimited(let retryAfter, _)): return retryAfter == 42
        case (.serverError, .upstreamStatus(let status, let prefix)): return status == 500 && prefix.contains("[redacted]")
        case (.malformedJSON, .decoding): return true
        case (.oversized, .responseTooLarge): return true
        default: return false
        }
    }
}

@Suite("Relay adapters: registry")
struct CustomRelaysHarnessTests {
    @Test func eachRelayAdapterIsRegisteredOnce() {
        for type in [ProviderType.acedata, .codexProxy, .custom] {
            #expect(ProviderRegistry.all.filter { $0.type == type }.count == 1, "\(type)")
        }
        #expect(ProviderRegistry.adapter(for: .codexProxy) is CodexProxyAdapter)
    }

    @Test func registryProblemsCarryTheEntryPrefix() {
        let entry = RelaysHarness.config(.custom, options: ["url": "ftp://x", "items": [["name": "A"]]])
        let problems = ProviderRegistry.problems(in: [entry])
        #expect(problems.map(\.keyPath) == ["providers[0].options.url", "providers[0].options.items[0]"])
    }
}
