import AIMeterConfig
import AIMeterCore
import AIMeterExport
import AIMeterSecurity
import AIMeterStore
import Foundation
import Logging
import NIOCore

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
    /// Session tokens already checked (their expected signature and expiry, by payload).
    public let sessions = SessionVerifier()
    /// The export's parsed query by raw query string (time-zone resolution is the costly part).
    public let exportQueries = BoundedMemo<String, Result<ExportQuery, ExportQueryError>>(capacity: 256)
    /// The export's and `/metrics`' database reads, shared until the data version changes.
    public let exportInputs: VersionedCache<ExportEntries.Inputs>
    /// The body of `/api/proxy/latest`, shared until the data version changes.
    public let latestBody: VersionedCache<ByteBuffer>
    /// The stored secrets and password hashes, shared until the data version changes.
    public let settingsCache: VersionedCache<[SettingKey: String]>
    /// Asks SQLite whether another connection committed; nil for an in-memory database.
    private let probe: DataVersionProbe?

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
        self.probe = probe
        self.exportInputs = VersionedCache()
        self.latestBody = VersionedCache()
        self.settingsCache = VersionedCache()
    }

    /// The database's data version now; a request that consults several caches (the settings,
    /// the export's inputs, a rendered body) reads it once and hands it to each. Nil without a
    /// probe, which makes every cache read the database.
    public func dataVersion() throws -> Int64? {
        try probe?.current()
    }

    /// Password hashes and secrets, the stored ones as of `dataVersion`.
    public func sources(at dataVersion: Int64?) -> CredentialSources {
        CredentialSources(auth: config.auth, database: database, settingsCache: settingsCache, dataVersion: dataVersion)
    }
    /// Password hashes and secrets as of the data version now.
    public func sources() throws -> CredentialSources { sources(at: try dataVersion()) }
    /// Who a request is, with the stored settings as of `dataVersion`.
    public func authenticator(at dataVersion: Int64?) -> Authenticator {
        Authenticator(sources: sources(at: dataVersion), now: now, sessions: sessions)
    }
    /// Who a request is, with the stored settings as of the data version now.
    public func authenticator() throws -> Authenticator { authenticator(at: try dataVersion()) }
    /// Whether the public side is https (Secure cookies, HSTS).
    public var isHTTPS: Bool { config.server.protocol == .https }
}
