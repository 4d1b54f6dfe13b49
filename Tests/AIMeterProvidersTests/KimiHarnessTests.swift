import AIMeterCore
import AIMeterHTTP
import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

@testable import AIMeterProviders

/// The clock, client, contexts and failure runner of the key-and-balance adapter tests
/// (Kimi, MiniMax, z.ai, OpenRouter, Aliyun, DeepSeek, Moonshot).
enum KeysAndBalancesHarness: ProviderHTTPHarness {
    /// 2026-03-08T06:06:40Z, a Sunday: the fixed clock of every test.
    static let now = Date(timeIntervalSince1970: 1_772_950_000)
    /// Small body cap so the oversized case stays cheap.
    static let maxResponseBytes = 256 * 1024
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxResponseBytes: maxResponseBytes))

    static func config(
        _ type: ProviderType, credentials: Credentials?, baseURL: String? = nil, region: String? = nil,
        options: [String: JSONValue] = [:]
    ) -> ProviderConfig {
        ProviderConfig(id: "test-\(type.rawValue)", type: type, region: region, baseURL: baseURL, credentials: credentials, options: options)
    }

    static func context(
        _ type: ProviderType, credentials: Credentials?, baseURL: String?, region: String? = nil,
        options: [String: JSONValue] = [:], now: Date = now
    ) -> ProviderContext {
        ProviderContext(
            config: config(type, credentials: credentials, baseURL: baseURL, region: region, options: options),
            credentials: credentials, http: client, now: { now })
    }

    /// One fetch of `adapter` against a fresh upstream that `routes` sets up: the snapshot and every
    /// request the upstream saw, in arrival order.
    static func fetch(
        _ adapter: any ProviderAdapter, credentials: Credentials, region: String? = nil, options: [String: JSONValue] = [:],
        routes: (MockUpstream) throws -> Void
    ) async throws -> (snapshot: UsageSnapshot, requests: [RecordedRequest]) {
        try await withUpstream { upstream in
            try routes(upstream)
            let context = context(adapter.type, credentials: credentials, baseURL: upstream.baseURL, region: region, options: options)
            return (try await adapter.fetch(context), upstream.requests)
        }
    }

    /// Serves each of `responses` in turn on `method path` and fetches `adapter` once per response:
    /// the errors, in order (nil where a fetch succeeds).
    static func fetchErrors(
        _ adapter: any ProviderAdapter, credentials: Credentials, method: String = "GET", path: String, serving responses: [MockResponse]
    ) async throws -> [ProviderError?] {
        try await withUpstream { upstream in
            let context = context(adapter.type, credentials: credentials, baseURL: upstream.baseURL)
            var errors: [ProviderError?] = []
            for response in responses {
                upstream.route(method, path, response)
                errors.append(await fetchError(adapter, context))
            }
            return errors
        }
    }

    /// Serves `failure` on `method path` (the main endpoint), runs `adapter` once and expects the
    /// mapping every adapter shares; returns the error for further checks.
    @discardableResult
    static func expectMapping(
        _ failure: UpstreamFailure, adapter: any ProviderAdapter, credentials: Credentials, method: String = "GET", path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ProviderError? {
        let error = try await withUpstream { upstream in
            upstream.route(method, path, failure.response(echoing: credentials.secretValue ?? "", maxResponseBytes: maxResponseBytes))
            return await fetchError(adapter, context(adapter.type, credentials: credentials, baseURL: upstream.baseURL))
        }
        #expect(failure.isExpected(error), "\(String(describing: error))", sourceLocation: sourceLocation)
        return error
    }
}

/// Records requests without sending them and answers 503, to check the default hosts, which a
/// local mock (reached through `baseUrl`) cannot show.
final class KeysAndBalancesRecordingClient: HTTPClient {
    private let seen = Mutex<[String]>([])

    /// Absolute URLs requested so far, sorted (parallel requests arrive in any order).
    var urls: [String] { seen.withLock { $0 }.sorted() }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        seen.withLock { $0.append(request.url) }
        return HTTPResponse(status: 503)
    }

    /// The URLs `adapter` requests for one poll without `baseUrl`.
    static func urls(_ adapter: any ProviderAdapter, credentials: Credentials, region: String? = nil) async -> [String] {
        let client = KeysAndBalancesRecordingClient()
        let config = KeysAndBalancesHarness.config(adapter.type, credentials: credentials, region: region)
        _ = try? await adapter.fetch(ProviderContext(config: config, credentials: credentials, http: client))
        return client.urls
    }
}

@Suite("Key-and-balance shared helpers")
struct KimiHarnessTests {
    @Test func regionProblemsNameTheAcceptedValues() {
        let config = KeysAndBalancesHarness.config(.zai, credentials: .apiKey("k"), region: "mars")
        let problems = KeysAndBalancesValidation.regionProblems(config, accepted: ["cn", "global"])
        #expect(problems == ["region: unknown value mars for provider zai (use cn, global)"])
        #expect(KeysAndBalancesValidation.regionProblems(config, accepted: []) == ["region: provider zai has no regions; remove the key"])
        #expect(KeysAndBalancesValidation.regionProblems(config, accepted: ["mars"]).isEmpty)
    }

    @Test func secretRejectsOtherCredentialKindsWithoutEchoingTheValue() throws {
        let context = KeysAndBalancesHarness.context(.deepseek, credentials: .cookie("session=s3cr3t"), baseURL: nil)
        #expect(throws: ProviderError.self) { try KeysAndBalancesUpstream.secret(context, allowed: ["api_key"], service: "X") }
        do {
            _ = try KeysAndBalancesUpstream.secret(context, allowed: ["api_key"], service: "X")
        } catch let error as ProviderError {
            #expect(!error.message.contains("s3cr3t"))
            #expect(error.code == "CONFIGURATION_ERROR")
        }
        let trimmed = try KeysAndBalancesUpstream.secret(
            KeysAndBalancesHarness.context(.deepseek, credentials: .apiKey("  sk-1  "), baseURL: nil), allowed: ["api_key"], service: "X")
        #expect(trimmed.value == "sk-1")
    }

    @Test func everyFamilyAdapterIsRegisteredOnce() {
        let types: [ProviderType] = [.kimi, .minimax, .zai, .openrouter, .aliyun, .deepseek, .moonshot]
        for type in types {
            #expect(ProviderRegistry.all.filter { $0.type == type }.count == 1, "\(type)")
        }
    }
}
