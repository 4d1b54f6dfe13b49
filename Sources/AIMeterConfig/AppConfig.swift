import AIMeterCore

/// The whole aimeter configuration after loading: YAML, `AIMETER_*` environment variables and
/// defaults merged, `${ENV}` references substituted, `...File` secrets read, provider ids derived.
///
/// Both daemons and the CLI read the same value; nothing in it is validated again later except
/// each provider's `options`, which its adapter checks.
public struct AppConfig: Sendable, Equatable {
    /// HTTP listener of `aimeter-api`.
    public var server: ServerConfig
    /// SQLite location and the credential encryption key.
    public var database: DatabaseConfig
    /// Polling and control-socket settings of `aimeter-collector`.
    public var collector: CollectorConfig
    /// Sessions, password hashes, endpoint/cron secrets and login rate limits.
    public var auth: AuthConfig
    /// Provider entries in file order (`displayOrder` is the 1-based position).
    public var providers: [ProviderConfig]
    /// The file the configuration came from, or nil when it was built from defaults and environment only.
    public var sourcePath: String?

    /// Creates a configuration; every section defaults to its built-in defaults.
    public init(
        server: ServerConfig = ServerConfig(),
        database: DatabaseConfig = DatabaseConfig(),
        collector: CollectorConfig = CollectorConfig(),
        auth: AuthConfig = AuthConfig(),
        providers: [ProviderConfig] = [],
        sourcePath: String? = nil
    ) {
        self.server = server
        self.database = database
        self.collector = collector
        self.auth = auth
        self.providers = providers
        self.sourcePath = sourcePath
    }

    /// The provider entry with this id, if any.
    public func provider(id: String) -> ProviderConfig? {
        providers.first { $0.id == id }
    }
}

/// `server:` — where `aimeter-api` listens and how it treats proxies.
public struct ServerConfig: Sendable, Equatable {
    /// Listen address (`AIMETER_SERVER_HOST`).
    public var host: String
    /// Listen port, 1–65535 (`AIMETER_BACKEND_PORT`).
    public var port: Int
    /// `https` turns on `Secure` cookies and HSTS (`AIMETER_SERVER_PROTOCOL`).
    public var `protocol`: ServerProtocol
    /// Addresses or CIDRs whose `X-Forwarded-For` is believed (`AIMETER_TRUSTED_PROXIES`), as written.
    public var trustedProxies: [String]

    /// Creates the section; defaults are aimeter's built-in defaults.
    public init(host: String = "127.0.0.1", port: Int = 3001, protocol: ServerProtocol = .http, trustedProxies: [String] = []) {
        self.host = host
        self.port = port
        self.protocol = `protocol`
        self.trustedProxies = trustedProxies
    }

    /// The trusted proxies parsed into networks (entries that do not parse are skipped; the
    /// loader has already rejected them).
    public var trustedProxyNetworks: [IPNetwork] {
        trustedProxies.compactMap(IPNetwork.init)
    }
}

/// The scheme the public side of `aimeter-api` is served with.
public enum ServerProtocol: String, Sendable, Equatable, CaseIterable {
    /// Plain HTTP (usually behind a TLS-terminating proxy that does not set HSTS itself).
    case http
    /// HTTPS: cookies get `Secure`, responses get HSTS.
    case https
}

/// `database:` — the SQLite file shared by the collector (writer) and the API (reader).
public struct DatabaseConfig: Sendable, Equatable {
    /// Database file (`AIMETER_DATABASE_PATH`).
    public var path: String
    /// Credential encryption secret (`AIMETER_ENCRYPTION_KEY`); nil means the key file `<path>.key`.
    public var encryptionKey: String?

    /// Creates the section; defaults are aimeter's built-in defaults.
    public init(path: String = "/var/lib/aimeter/aimeter.db", encryptionKey: String? = nil) {
        self.path = path
        self.encryptionKey = encryptionKey
    }
}

/// `collector:` — polling and the control socket.
public struct CollectorConfig: Sendable, Equatable {
    /// Control socket path (`AIMETER_COLLECTOR_SOCKET`).
    public var socket: String
    /// Upstream requests in flight at once, 1–256 (`AIMETER_COLLECTOR_CONCURRENCY`).
    public var concurrency: Int
    /// Timeout of one upstream request in seconds, 1–300 (`AIMETER_REQUEST_TIMEOUT_SECONDS`).
    public var requestTimeoutSeconds: Double
    /// Snapshots older than this many days are pruned, ≥ 1 (`AIMETER_RETENTION_DAYS`).
    public var retentionDays: Int

    /// Creates the section; defaults are aimeter's built-in defaults.
    public init(
        socket: String = "/run/aimeter/collector.sock",
        concurrency: Int = 8,
        requestTimeoutSeconds: Double = 12,
        retentionDays: Int = 400
    ) {
        self.socket = socket
        self.concurrency = concurrency
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.retentionDays = retentionDays
    }
}
