import AIMeterCore
import AIMeterHTTP
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

/// Shared helpers of the Claude, Codex, Copilot and Cursor tests.
enum SubscriptionHarness: ProviderHTTPHarness {
    /// The fixed clock of every test: 2026-03-31T23:33:20Z.
    static let now = Date(timeIntervalSince1970: 1_775_000_000)

    /// One client for all tests (libcurl threads are reused).
    static let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxConcurrentTransfers: 8))

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

    /// Serves each response of `cases` in turn on `GET path` and expects one fetch of `adapter` to
    /// fail with its error; a decoding error is matched by its code only (its message quotes the parser).
    static func expectErrors(
        _ cases: [(MockResponse, ProviderError)], from adapter: any ProviderAdapter, _ config: ProviderConfig, upstream: MockUpstream,
        path: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        for (response, expected) in cases {
            upstream.route("GET", path, response)
            let error = await fetchError(adapter, context(config))
            if case .decoding = expected {
                #expect(error?.code == "DECODING_ERROR", sourceLocation: sourceLocation)
            } else {
                #expect(error == expected, sourceLocation: sourceLocation)
            }
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
