import AIMeterAPI
import AIMeterConfig
import AIMeterCore
import AIMeterSecurity
import AIMeterStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization

/// A temp database seeded through the writer, opened read-only for the API under test, plus the
/// passwords and secrets the tests log in with.
final class TestEnvironment: Sendable {
    static let normalPassword = "normal-password-1"
    static let adminPassword = "admin-password-12"
    static let sessionSecret = "0123456789abcdef0123456789abcdef"
    static let endpointSecret = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0"
    static let cronSecret = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1"
    /// 2025-03-13T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_741_824_000)

    let directory: URL
    let writer: AppDatabase
    let reader: AppDatabase
    private let clock = TestClock()

    /// Creates the database with the given providers and the default settings.
    init(providers: [ProviderConfig] = [], settings: Bool = true) throws {
        // Short path: Unix socket paths are limited to 108 bytes.
        directory = URL(fileURLWithPath: "/tmp/aimeter-api-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("aimeter.db").path
        writer = try AppDatabase.openWriter(path: path)
        try writer.syncProviders(providers, now: Self.now)
        if settings {
            try writer.setSetting(.sessionSecret, to: Self.sessionSecret, at: Self.now)
            try writer.setSetting(.endpointSecret, to: Self.endpointSecret, at: Self.now)
            try writer.setSetting(.cronSecret, to: Self.cronSecret, at: Self.now)
            try writer.setSetting(.normalPasswordHash, to: Self.fastHash(Self.normalPassword), at: Self.now)
            try writer.setSetting(.adminPasswordHash, to: Self.fastHash(Self.adminPassword), at: Self.now)
        }
        reader = try AppDatabase.openReader(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The API's clock.
    var currentTime: Date { clock.now }

    /// Moves the API's clock.
    func advance(seconds: TimeInterval) {
        clock.advance(seconds)
    }

    /// A cheap (1000-iteration) hash of `password`, as `aimeter passwd` would store it.
    static func fastHash(_ password: String) -> String {
        PasswordHasher.hash(password, iterations: 1000)
    }

    /// Stores a snapshot `age` seconds before ``now``.
    @discardableResult
    func store(_ items: [ProgressItem], cost: Cost? = nil, plan: String? = nil, for id: String, age: TimeInterval = 60) throws -> Int64 {
        let at = Self.now.addingTimeInterval(-age)
        let snapshot = UsageSnapshot(items: items, cost: cost, identity: plan.map { Identity(plan: $0) }, updatedAt: at)
        return try writer.appendSnapshot(snapshot, providerId: id, at: at)
    }

    /// Services for the API under test.
    func services(
        config: AppConfig = AppConfig(), collectorSocket: String? = nil, collectorTimeout: Double = 2,
        displayItems: DisplayItems = .stored
    ) -> APIServices {
        var logger = Logger(label: "aimeter-api-test")
        logger.logLevel = .critical
        return APIServices(
            config: config, database: reader,
            collector: CollectorGateway(
                socketPath: collectorSocket ?? directory.appendingPathComponent("none.sock").path,
                timeout: collectorTimeout, pingTimeout: 0.5),
            now: { [clock] in clock.now }, displayItems: displayItems, logger: logger)
    }

    /// Runs `test` against the router (no socket).
    func test<Value: Sendable>(
        _ services: APIServices? = nil, _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let services = services ?? self.services()
        let app = Application(router: APIServer.buildRouter(services), logger: services.logger)
        return try await app.test(.router, test)
    }
}

/// A settable clock shared between the test and the API under test.
final class TestClock: Sendable {
    private let value = Mutex(TestEnvironment.now)

    var now: Date { value.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        value.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
