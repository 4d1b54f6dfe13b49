import AIMeterCore
import AIMeterHTTP
import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

@testable import AIMeterProviders

/// Fixtures, contexts and the shared failure matrix for the key-and-balance adapter tests
/// (Kimi, MiniMax, z.ai, OpenRouter, Aliyun, DeepSeek, Moonshot).
enum KeysAndBalancesHarness {
    /// 2026-03-08T06:06:40Z, a Sunday: the fixed clock of every test.
    static let now = Date(timeIntervalSince1970: 1_772_950_000)
    /// Small body cap so the oversized case stays cheap.
    static let maxResponseBytes = 256 * 1024
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxResponseBytes: maxResponseBytes))

    static func data(_ path: String) throws -> Data {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: root.appendingPathComponent(path))
    }

    static func json(_ path: String) throws -> JSONValue { try JSONValue.parse(data(path)) }

    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }

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

    /// The error `fetch` throws, nil when it succeeds; a non-``ProviderError`` becomes a
    /// transport error naming its type, so an assertion on the case fails visibly.
    static func fetchError(_ adapter: any ProviderAdapter, _ context: ProviderContext) async -> ProviderError? {
        do {
            _ = try await adapter.fetch(context)
            return nil
        } catch let error as ProviderError {
            return error
        } catch {
            return .transport("not a ProviderError: \(type(of: error))")
        }
    }

    /// Serves `response` on `method path` (the main endpoint), runs `adapter` and returns its error.
    static func failure(
        _ failure: KeysAndBalancesFailure, adapter: any ProviderAdapter, credentials: Credentials, method: String,
        path: String, region: String? = nil, setUp: (MockUpstream) -> Void = { _ in }
    ) async throws -> ProviderError? {
        let upstream = try await MockUpstream.start()
        setUp(upstream)
        upstream.route(method, path, failure.response(echoing: credentials.secretValue ?? ""))
        let error = await fetchError(adapter, context(adapter.type, credentials: credentials, baseURL: upstream.baseURL, region: region))
        await upstream.stop()
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

/// The upstream failures every adapter must map the same way.
enum KeysAndBalancesFailure: String, CaseIterable, Sendable {
    case unauthorized, forbidden, rateLimited, serverError, malformedJSON, oversized

    /// The canned answer; the 500 body echoes the secret to prove it is redacted.
    func response(echoing secret: String) -> MockResponse {
        switch self {
        case .unauthorized: .unauthorized()
        case .forbidden: .forbidden()
        case .rateLimited: .rateLimited(retryAfter: "42")
        case .serverError: .serverError("boom, key \(secret) broke")
        case .malformedJSON: .malformedJSON()
        case .oversized: .oversized(bytes: KeysAndBalancesHarness.maxResponseBytes + 10_000)
        }
    }

    /// Whether `error` is the mapping this failure must produce.
    func isExpected(_ error: ProviderError?) -> Bool {
        switch (self, error) {
        case (.unauthorized, .authRequired?), (.forbidden, .authRequired?): true
        case (.rateLimited, .rateLimited(let retryAfter, _)?): retryAfter == 42
        case (.serverError, .upstreamStatus(let status, let prefix)?): status == 500 && prefix.contains("[redacted]")
        case (.malformedJSON, .decoding?): true
        case (.oversized, .responseTooLarge?): true
        default: false
        }
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
