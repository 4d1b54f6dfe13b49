import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

/// The clock, client and contexts shared by the relay adapter tests
/// (AceData, codex-proxy, custom).
enum RelaysHarness: ProviderHTTPHarness {
    /// 2026-03-14T10:00:00Z, a Saturday: the fixed clock of every relay test.
    static let now = Date(timeIntervalSince1970: 1_773_482_400)
    /// Small body cap so the oversized case stays cheap.
    static let maxResponseBytes = 128 * 1024
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxResponseBytes: maxResponseBytes))

    static func config(
        _ type: ProviderType, id: String? = nil, credentials: Credentials? = nil, baseURL: String? = nil,
        plan: String? = nil, options: [String: JSONValue] = [:]
    ) -> ProviderConfig {
        ProviderConfig(id: id ?? "relay-\(type.rawValue)", type: type, baseURL: baseURL, plan: plan, credentials: credentials, options: options)
    }

    static func context(_ config: ProviderConfig) -> ProviderContext {
        ProviderContext(config: config, credentials: config.credentials, http: client, now: { now })
    }

    /// The error one `fetch` of `adapter` with `config` throws, nil when it succeeds.
    static func fetchError(_ adapter: any ProviderAdapter, _ config: ProviderConfig) async -> ProviderError? {
        await fetchError(adapter, context(config))
    }

    /// Serves `failure` (its 500 body echoing `secret`) on `GET path`, runs `adapter` once with the
    /// config `config` builds for the upstream and expects the mapping every relay shares.
    static func expectMapping(
        _ failure: UpstreamFailure, secret: String, path: String, adapter: any ProviderAdapter,
        config: (MockUpstream) -> ProviderConfig, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let error = try await withUpstream { upstream in
            upstream.route("GET", path, failure.response(echoing: secret, maxResponseBytes: maxResponseBytes))
            return await fetchError(adapter, config(upstream))
        }
        #expect(failure.isExpected(error, secret: secret), "\(String(describing: error))", sourceLocation: sourceLocation)
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
