import AIMeterConfig
import AIMeterCore
import AIMeterStore
import Foundation
import Logging

/// Everything the handlers need, built once at startup and shared by every request.
///
/// The only mutable state is the login rate limiter and caches that only save work: the stored
/// settings, the export's inputs and the latest records' body, reused until the database's data
/// version (or, for the last two, the second) changes, and the export's renderings, reused while
/// their inputs are equal. Everything else is read from the database per request, so
/// replicas behind a load balancer agree.
public struct APIServices: Sendable {
    /// The loaded configuration.
    public var config: AppConfig
    /// The database, opened read-only.
    public var database: AppDatabase
    /// The collector's control socket.
    public var collector: CollectorGateway
    /// The current time (injected for tests).
    public var now: @Sendable () -> Date
    /// Login attempts per client address.
    public var loginLimiter: LoginRateLimiter
    /// Turns stored items into the items `/api/proxy/*` shows (Antigravity pooling).
    public var displayItems: DisplayItems
    /// Logger for handler-level problems.
    public var logger: Logger
    /// Renderings of the export and `/metrics`, shared while their inputs are equal.
    public let renderCache = RenderCache()
    /// The export's and `/metrics`' database reads, shared until the data version changes.
    public let exportInputs: VersionedCache<ExportEntries.Inputs>
    /// The body of `/api/proxy/latest`, shared until the data version changes.
    public let latestBody: VersionedCache<String>
    /// The stored secrets and password hashes, shared until the data version changes.
    public let settingsCache: VersionedCache<[SettingKey: String]>

    /// Creates the services.
    public init(
        config: AppConfig,
        database: AppDatabase,
        collector: CollectorGateway,
        now: @escaping @Sendable () -> Date = Date.init,
        displayItems: DisplayItems = .stored,
        logger: Logger = Logger(label: "aimeter-api")
    ) {
        self.config = config
        self.database = database
        self.collector = collector
        self.now = now
        self.loginLimiter = LoginRateLimiter(config.auth.rateLimit)
        self.displayItems = displayItems
        self.logger = logger
        // Without a probe every request reads the database; caching is only an optimization.
        let probe = try? database.dataVersionProbe()
        self.exportInputs = VersionedCache(probe: probe)
        self.latestBody = VersionedCache(probe: probe)
        self.settingsCache = VersionedCache(probe: probe)
    }

    /// Password hashes and secrets.
    public var sources: CredentialSources {
        CredentialSources(auth: config.auth, database: database, settingsCache: settingsCache)
    }
    /// Who a request is.
    public var authenticator: Authenticator { Authenticator(sources: sources, now: now) }
    /// Whether the public side is https (Secure cookies, HSTS).
    public var isHTTPS: Bool { config.server.protocol == .https }
}
