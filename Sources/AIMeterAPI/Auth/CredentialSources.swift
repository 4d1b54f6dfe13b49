import AIMeterConfig
import AIMeterCore
import AIMeterStore

/// Where password hashes and secrets come from: a configured value is authoritative ("config
/// mode"); otherwise the value the collector keeps in the database settings. Settings are checked
/// on every request (through `settingsCache`, re-read whenever the database's data version
/// changes), so a rotation or password change reaches every replica at once.
public struct CredentialSources: Sendable {
    /// The `auth:` section.
    public var auth: AuthConfig
    /// The read-only database.
    public var database: AppDatabase

    /// The stored settings, kept until the next commit; nil reads the database for every value.
    public var settingsCache: VersionedCache<[SettingKey: String]>?
    /// The data version the request read; nil (unknown) reads the database for every value.
    public var dataVersion: Int64?

    /// Creates the sources.
    public init(
        auth: AuthConfig, database: AppDatabase, settingsCache: VersionedCache<[SettingKey: String]>? = nil,
        dataVersion: Int64? = nil
    ) {
        self.auth = auth
        self.database = database
        self.settingsCache = settingsCache
        self.dataVersion = dataVersion
    }

    /// The stored value of `key`.
    private func stored(_ key: SettingKey) throws -> String? {
        guard let settingsCache else { return try database.setting(key) }
        // Settings do not depend on the request time: one entry per data version.
        return try settingsCache.value(version: dataVersion, now: 0) { try database.settings() }[key]
    }

    /// The configured hash of `role`, if the config sets one.
    public func configuredPasswordHash(_ role: Role) -> String? {
        JSString.nonBlank(role == .normal ? auth.normalPasswordHash : auth.adminPasswordHash)
    }

    /// The hash that verifies `role`'s password: configured, else stored.
    public func passwordHash(_ role: Role) throws -> String? {
        if let configured = configuredPasswordHash(role) { return configured }
        return JSString.nonBlank(try stored(role == .normal ? .normalPasswordHash : .adminPasswordHash))
    }

    /// The configured endpoint secret, if any.
    public var configuredEndpointSecret: String? { JSString.nonBlank(auth.endpointSecret) }
    /// The configured cron secret, if any.
    public var configuredCronSecret: String? { JSString.nonBlank(auth.cronSecret) }
    /// The configured metrics bearer token, if any.
    public var metricsToken: String? { JSString.nonBlank(auth.metricsToken) }

    /// The endpoint secret in force.
    public func endpointSecret() throws -> String? {
        try configuredEndpointSecret ?? JSString.nonBlank(stored(.endpointSecret))
    }

    /// The cron secret in force.
    public func cronSecret() throws -> String? {
        try configuredCronSecret ?? JSString.nonBlank(stored(.cronSecret))
    }

    /// The key that signs session tokens (always from the database, shared by all replicas).
    public func sessionSecret() throws -> String? {
        JSString.nonBlank(try stored(.sessionSecret))
    }
}
