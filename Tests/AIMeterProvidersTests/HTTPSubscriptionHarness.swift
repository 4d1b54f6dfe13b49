import AIMeterCore
import AIMeterHTTP
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

/// Shared helpers of the Claude, Codex, Copilot and Cursor tests.
enum SubscriptionHarness {
    /// The fixed clock of every test: 2026-03-31T23:33:20Z.
    static let now = Date(timeIntervalSince1970: 1_775_000_000)

    /// One client for all tests (libcurl threads are reused).
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxConcurrentTransfers: 8))

    /// The bytes of `Fixtures/<path>`.
    static func fixture(_ path: String) throws -> Data {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/\(path)")
        return try Data(contentsOf: url)
    }

    /// `Fixtures/<path>` as text.
    static func fixtureText(_ path: String) throws -> String {
        String(decoding: try fixture(path), as: UTF8.self)
    }

    /// A provider entry pointing at `upstream`.
    static func config(
        _ type: ProviderType,
        upstream: MockUpstream?,
        credentials: Credentials?,
        plan: String? = nil,
        options: [String: JSONValue] = [:],
        refreshIntervalMinutes: Int = 5
    ) -> ProviderConfig {
        ProviderConfig(
            id: "\(type.rawValue)-test",
            type: type,
            refreshIntervalMinutes: refreshIntervalMinutes,
            baseURL: upstream?.baseURL,
            plan: plan,
            credentials: credentials,
            options: options
        )
    }

    /// A context with the fixed clock whose persistence appends to `log` (and keeps the credential).
    static func context(_ config: ProviderConfig, log: EventLog = EventLog()) -> ProviderContext {
        ProviderContext(
            config: config,
            credentials: config.credentials,
            http: client,
            now: { now },
            persistCredentials: { credentials in
                log.append("persist:\(credentials.oauthTokens?.accessToken ?? "?")")
                log.persisted.withLock { $0.append(credentials) }
            }
        )
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

    /// The error `body` throws as a ``ProviderError`` (nil when it succeeds or throws something else).
    static func providerError(_ body: () async throws -> some Any) async -> ProviderError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? ProviderError
        }
    }
}

/// An ordered, thread-safe record of what happened (persistence, upstream hits).
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    /// Every credential persisted, in order.
    let persisted = Mutex<[Credentials]>([])

    /// Appends one event.
    func append(_ event: String) {
        events.withLock { $0.append(event) }
    }

    /// The events so far.
    var entries: [String] { events.withLock { $0 } }

    /// Credentials persisted so far.
    var persistedCredentials: [Credentials] { persisted.withLock { $0 } }
}
