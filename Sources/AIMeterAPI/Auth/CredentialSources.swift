import AIMeterConfig
import AIMeterStore
import Foundation

/// Where password hashes and secrets come from: a configured value is authoritative ("config
/// mode"); otherwise the value the collector keeps in the database settings. Settings are read
/// on every request, so a rotation or password change reaches every replica at once.
public struct CredentialSources: Sendable {
    /// The `auth:` section.
    public var auth: AuthConfig
    /// The read-only database.
    public var database: AppDatabase

    /// Creates the sources.
    public init(auth: AuthConfig, database: AppDatabase) {
        self.auth = auth
        self.database = database
    }

    /// The configured hash of `role`, if the config sets one.
    public func configuredPasswordHash(_ role: Role) -> String? {
        nonBlank(role == .normal ? auth.normalPasswordHash : auth.adminPasswordHash)
    }

    /// The hash that verifies `role`'s password: configured, else stored.
    public func passwordHash(_ role: Role) throws -> String? {
        if let configured = configuredPasswordHash(role) { return configured }
        return nonBlank(try database.setting(role == .normal ? .normalPasswordHash : .adminPasswordHash))
    }

    /// The configured endpoint secret, if any.
    public var configuredEndpointSecret: String? { nonBlank(auth.endpointSecret) }
    /// The configured cron secret, if any.
    public var configuredCronSecret: String? { nonBlank(auth.cronSecret) }
    /// The configured metrics bearer token, if any.
    public var metricsToken: String? { nonBlank(auth.metricsToken) }

    /// The endpoint secret in force.
    public func endpointSecret() throws -> String? {
        try configuredEndpointSecret ?? nonBlank(database.setting(.endpointSecret))
    }

    /// The cron secret in force.
    public func cronSecret() throws -> String? {
        try configuredCronSecret ?? nonBlank(database.setting(.cronSecret))
    }

    /// The key that signs session tokens (always from the database, shared by all replicas).
    public func sessionSecret() throws -> String? {
        nonBlank(try database.setting(.sessionSecret))
    }

    private func nonBlank(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
