/// `auth:` — sessions, passwords, the endpoint/cron secrets, the metrics token and login rate limits.
///
/// A configured secret or hash is authoritative ("config mode"); a nil one means the value the
/// collector keeps in the database ("database mode").
public struct AuthConfig: Sendable, Equatable {
    /// Session cookie lifetime in seconds, ≥ 300 (`AIMETER_AUTH_SESSION_TTL_SECONDS`).
    public var sessionTtlSeconds: Int
    /// Hash of the normal (read-only) password (`AIMETER_NORMAL_PASSWORD_HASH`).
    public var normalPasswordHash: String?
    /// Hash of the admin password (`AIMETER_ADMIN_PASSWORD_HASH`).
    public var adminPasswordHash: String?
    /// `x-aimeter-endpoint-secret` value, exactly 32 characters (`AIMETER_ENDPOINT_SECRET`).
    public var endpointSecret: String?
    /// `x-aimeter-cron-secret` value, exactly 32 characters (`AIMETER_CRON_SECRET`).
    public var cronSecret: String?
    /// Bearer token accepted by `GET /metrics` (`AIMETER_METRICS_TOKEN`).
    public var metricsToken: String?
    /// Login failure limits.
    public var rateLimit: RateLimitConfig

    /// Creates the section; defaults are aimeter's built-in defaults.
    public init(
        sessionTtlSeconds: Int = 14400,
        normalPasswordHash: String? = nil,
        adminPasswordHash: String? = nil,
        endpointSecret: String? = nil,
        cronSecret: String? = nil,
        metricsToken: String? = nil,
        rateLimit: RateLimitConfig = RateLimitConfig()
    ) {
        self.sessionTtlSeconds = sessionTtlSeconds
        self.normalPasswordHash = normalPasswordHash
        self.adminPasswordHash = adminPasswordHash
        self.endpointSecret = endpointSecret
        self.cronSecret = cronSecret
        self.metricsToken = metricsToken
        self.rateLimit = rateLimit
    }
}

/// `auth.rateLimit:` — AIMeter's login limiter: `maxAttempts` failures within `windowMs` block
/// the client for `blockMs`.
public struct RateLimitConfig: Sendable, Equatable {
    /// Failure window in milliseconds, ≥ 10000 (`AIMETER_AUTH_RATE_LIMIT_WINDOW_MS`).
    public var windowMs: Int
    /// Failures allowed before a block, ≥ 1 (`AIMETER_AUTH_RATE_LIMIT_MAX_ATTEMPTS`).
    public var maxAttempts: Int
    /// Block duration in milliseconds, ≥ 15000 (`AIMETER_AUTH_RATE_LIMIT_BLOCK_MS`).
    public var blockMs: Int

    /// Creates the section; defaults are AIMeter's.
    public init(windowMs: Int = 60000, maxAttempts: Int = 5, blockMs: Int = 300_000) {
        self.windowMs = windowMs
        self.maxAttempts = maxAttempts
        self.blockMs = blockMs
    }
}
