import AIMeterConfig
import AIMeterSecurity
import Foundation

/// Creates the secrets a fresh installation needs ("database mode").
enum SecretBootstrap {
    /// Generates the endpoint and cron secrets unless configured (configured values are
    /// authoritative and are not copied into the database), and always the session secret.
    static func ensureSecrets(store: any CollectorStore, auth: AuthConfig, now: Date) throws {
        if auth.endpointSecret == nil {
            try store.ensureSetting(.endpointSecret, at: now) { SecretGenerator.hex32() }
        }
        if auth.cronSecret == nil {
            try store.ensureSetting(.cronSecret, at: now) { SecretGenerator.hex32() }
        }
        try store.ensureSetting(.sessionSecret, at: now) { SecretGenerator.hex32() }
    }
}
