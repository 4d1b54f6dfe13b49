import AIMeterCore
import Foundation

/// A credential the collector keeps encrypted in the database (e.g. rotated OAuth tokens).
public struct RetainedCredentials: Sendable, Equatable {
    /// The decrypted credential.
    public var credentials: Credentials
    /// Fingerprint of the config credential this one descends from
    /// (``AIMeterSecurity/CredentialCipher/fingerprint(_:)``).
    public var sourceFingerprint: String
    /// When it was stored, in whole seconds.
    public var updatedAt: Date

    /// Creates a retained credential.
    public init(credentials: Credentials, sourceFingerprint: String, updatedAt: Date) {
        self.credentials = credentials
        self.sourceFingerprint = sourceFingerprint
        self.updatedAt = updatedAt
    }
}
