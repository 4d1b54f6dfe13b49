import AIMeterCore
import Foundation
import Logging

/// The credential a poll uses, following "the database copy wins over the config copy once it
/// is newer": a retained (possibly rotated) credential is used while it descends from the
/// credential currently in the config (same fingerprint). When the operator changes the config
/// credential, its fingerprint changes and the config copy is used again.
struct CredentialResolution: Sendable {
    /// The credential to hand to the adapter.
    var credentials: Credentials?
    /// Fingerprint of the config credential; stored with every rotated copy.
    var sourceFingerprint: String

    /// Source fingerprint for an entry that has no credential in the config.
    static let noConfiguredCredential = "none"

    /// Resolves the credential of `config`. An unreadable retained copy (key changed, tampered
    /// row) is logged and ignored: the config copy still works.
    static func resolve(_ config: ProviderConfig, store: any CollectorStore, logger: Logger) -> CredentialResolution {
        let fingerprint = config.credentials.map { store.fingerprint(of: $0) } ?? noConfiguredCredential
        let retained: RetainedCredential?
        do {
            retained = try store.retainedCredentials(providerId: config.id)
        } catch {
            logger.warning("Ignoring the stored credential copy", metadata: ["error": "\(error)"])
            retained = nil
        }
        if let retained, retained.sourceFingerprint == fingerprint {
            return CredentialResolution(credentials: retained.credentials, sourceFingerprint: fingerprint)
        }
        return CredentialResolution(credentials: config.credentials, sourceFingerprint: fingerprint)
    }
}
