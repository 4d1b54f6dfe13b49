import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

/// Fixtures, clock, client and credential recording shared by the Antigravity, Gemini CLI,
/// OpenCode and Ollama tests.
enum AgentWindowsHarness: ProviderHTTPHarness {
    /// 2026-03-08T12:00:00Z: the fixed clock of every agent test.
    static let now = Date(timeIntervalSince1970: 1_772_971_200)
    /// `now` in unix seconds.
    static let nowSeconds: Int64 = 1_772_971_200
    /// Small body cap so the oversized case stays cheap.
    static let maxResponseBytes = 256 * 1024
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxResponseBytes: maxResponseBytes))

    /// Unix seconds of an ISO-8601 instant written in a test.
    static func unix(_ iso: String) throws -> Int64 {
        UpstreamTime.unixSeconds(try #require(UpstreamTime.parse(iso)))
    }

    static func config(
        _ type: ProviderType, credentials: Credentials?, baseURL: String? = nil, options: [String: JSONValue] = [:]
    ) -> ProviderConfig {
        ProviderConfig(id: "test-\(type.rawValue)", type: type, baseURL: baseURL, credentials: credentials, options: options)
    }

    static func context(
        _ type: ProviderType, credentials: Credentials?, baseURL: String?, options: [String: JSONValue] = [:],
        persisted: PersistedCredentials? = nil
    ) -> ProviderContext {
        ProviderContext(
            config: config(type, credentials: credentials, baseURL: baseURL, options: options),
            credentials: credentials, http: client, now: { now },
            persistCredentials: { credentials in await persisted?.record(credentials) })
    }

    /// One fetch of `adapter` against `upstream` with Google OAuth `tokens`.
    static func fetch(
        _ adapter: any ProviderAdapter, _ upstream: MockUpstream, tokens: OAuthTokens, options: [String: JSONValue] = [:],
        persisted: PersistedCredentials? = nil
    ) async throws -> UsageSnapshot {
        try await adapter.fetch(context(adapter.type, credentials: .oauth(tokens), baseURL: upstream.baseURL, options: options, persisted: persisted))
    }

    /// Google OAuth tokens as a user would configure them.
    static func googleTokens(
        access: String = "ya29.old-access", expiresIn: TimeInterval? = 3600, refreshable: Bool = true, projectId: String? = nil
    ) -> OAuthTokens {
        OAuthTokens(
            accessToken: access,
            refreshToken: refreshable ? "1//0g-old-refresh" : nil,
            expiresAt: expiresIn.map { now.addingTimeInterval($0) },
            clientId: refreshable ? "client-123.apps.googleusercontent.com" : nil,
            clientSecret: refreshable ? "GOCSPX-secret" : nil,
            projectId: projectId
        )
    }
}

/// Records persisted credentials together with the requests the upstream had seen at that
/// moment, to prove a rotated token is stored before it is used.
final class PersistedCredentials: Sendable {
    struct Entry: Sendable {
        var credentials: Credentials
        var requestsSeen: [RecordedRequest]
    }

    private let upstream: MockUpstream?
    private let entries = Mutex<[Entry]>([])

    init(upstream: MockUpstream?) {
        self.upstream = upstream
    }

    func record(_ credentials: Credentials) async {
        let seen = upstream?.requests ?? []
        entries.withLock { $0.append(Entry(credentials: credentials, requestsSeen: seen)) }
    }

    var all: [Entry] { entries.withLock { $0 } }
}

@Suite("Agent windows registry")
struct AntigravityHarnessTests {
    @Test func theFourAgentAdaptersAreRegistered() {
        for type in [ProviderType.antigravity, .gemini, .opencode, .ollama] {
            #expect(ProviderRegistry.adapter(for: type)?.type == type)
        }
    }

    @Test func modelNamesSortLikeLocaleCompare() {
        let sorted = ["Z", "b", "_x", "B", "a", "Gemini 3 Pro", "Gemini 2.5 Pro", "gemini-2.5-flash-lite", "gemini-2.5-flash"]
            .sorted(by: ModelNameCollation.precedes)
        // A space sorts before a hyphen, and a prefix before its extensions.
        #expect(sorted == ["_x", "a", "b", "B", "Gemini 2.5 Pro", "Gemini 3 Pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "Z"])
    }
}
