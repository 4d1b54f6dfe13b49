import AIMeterConfig
import AIMeterControl
import AIMeterCore
import AIMeterHTTP
import AIMeterSecurity
import AIMeterStore
import Foundation
import Logging
import Testing

@testable import AIMeterCollector

/// A collector runtime over a real temporary database, with scripted adapters and a manual
/// clock, plus (on request) its control socket.
final class CollectorHarness: Sendable {
    let directory: URL
    let store: DatabaseCollectorStore
    let adapters = ScriptedAdapters()
    let clock: ManualClock
    let runtime: CollectorRuntime
    let socketPath: String

    static let logger = Logger(label: "test.collector") { _ in SwiftLogNoOpLogHandler() }

    init(
        providers: [ProviderConfig],
        auth: AuthConfig = AuthConfig(),
        concurrency: Int = 4,
        http: any HTTPClient = CurlHTTPClient(),
        clock: ManualClock = ManualClock()
    ) async throws {
        directory = try Self.makeTemporaryDirectory()
        socketPath = directory.appendingPathComponent("c.sock").path
        let database = try AppDatabase.openWriter(path: directory.appendingPathComponent("a.db").path)
        store = DatabaseCollectorStore(database: database, cipher: CredentialCipher(keyMaterial: "collector-test-key"))
        self.clock = clock
        var config = AppConfig(providers: providers)
        config.database.path = directory.appendingPathComponent("a.db").path
        config.collector.socket = socketPath
        config.collector.concurrency = concurrency
        config.auth = auth
        runtime = CollectorRuntime(config: config, store: store, http: http, clock: clock, adapters: adapters.lookup, logger: Self.logger)
        try await runtime.start()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A provider entry for tests.
    static func provider(_ id: String, interval: Int = 5, order: Int = 1, type: ProviderType = .demo, credentials: Credentials? = nil) -> ProviderConfig {
        ProviderConfig(id: id, type: type, name: "Test \(id)", refreshIntervalMinutes: interval, credentials: credentials, displayOrder: order)
    }

    /// Short paths: Unix socket paths are limited to 107 bytes.
    static func makeTemporaryDirectory() throws -> URL {
        let url = URL(fileURLWithPath: "/tmp/amc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts the control socket over this runtime; stop it with `server.stop()`.
    func startServer(policy: PeerPolicy = .current) throws -> ControlServer {
        let server = try ControlServer(path: socketPath, dispatcher: ControlDispatcher(runtime: runtime), policy: policy, logger: Self.logger)
        server.start()
        return server
    }

    /// Sends one operation over the socket.
    func send(_ op: ControlOperation, _ params: JSONValue = [:]) async throws -> JSONValue {
        try await ThreadedControlClient(socketPath: socketPath, timeout: 10).send(op, params: params.objectValue ?? JSONObject())
    }

    /// One poll through the coordinator, as the scheduler would do it.
    func poll(_ id: String) async throws -> PollOutcome {
        let config = try #require(runtime.config.provider(id: id))
        return await runtime.coordinator.poll(config)
    }
}
