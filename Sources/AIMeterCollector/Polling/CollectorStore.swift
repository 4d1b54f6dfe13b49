import AIMeterCore
import Foundation

/// What the collector needs from the database (and the credential cipher): a deliberately small
/// surface, implemented by ``DatabaseCollectorStore`` over `AppDatabase`.
///
/// Every method is a short write or read; the collector is the only writer.
public protocol CollectorStore: Sendable {
    /// Mirrors the configured providers (upsert; absent ones become inactive).
    func syncProviders(_ configs: [ProviderConfig], now: Date) throws
    /// Appends one snapshot in one transaction.
    func appendSnapshot(_ snapshot: UsageSnapshot, providerId: String, at date: Date) throws
    /// The time of the provider's newest stored snapshot.
    func latestSnapshotTime(providerId: String) throws -> Date?
    /// The provider's fetch state (defaults when never polled).
    func fetchState(providerId: String) throws -> FetchState
    /// Fetch states of all providers.
    func fetchStates() throws -> [String: FetchState]
    /// Reads, changes and writes one provider's fetch state; returns the new state.
    @discardableResult
    func updateFetchState(providerId: String, _ change: (inout FetchState) -> Void) throws -> FetchState
    /// The retained (possibly rotated) credential and the fingerprint of the config copy it came from.
    func retainedCredentials(providerId: String) throws -> RetainedCredential?
    /// Stores a credential encrypted; returns only after the write committed.
    func retainCredentials(_ credentials: Credentials, sourceFingerprint: String, providerId: String, at date: Date) throws
    /// A keyed fingerprint of a credential (compares credentials without storing them).
    func fingerprint(of credentials: Credentials) -> String
    /// A stored secret or password hash.
    func setting(_ key: CollectorSetting) throws -> String?
    /// Stores a secret or password hash.
    func setSetting(_ key: CollectorSetting, to value: String, at date: Date) throws
    /// Inserts the setting when missing and returns the stored value.
    @discardableResult
    func ensureSetting(_ key: CollectorSetting, at date: Date, generate: () -> String) throws -> String
    /// Deletes at most `batchSize` polls older than `date`; returns how many.
    func pruneSnapshots(before date: Date, batchSize: Int) throws -> Int
}

/// A credential kept by the collector, with the fingerprint of the config copy it descends from.
public struct RetainedCredential: Sendable, Equatable {
    /// The credential (rotated tokens included).
    public var credentials: Credentials
    /// Fingerprint of the config credential this copy came from.
    public var sourceFingerprint: String

    /// Creates a value.
    public init(credentials: Credentials, sourceFingerprint: String) {
        self.credentials = credentials
        self.sourceFingerprint = sourceFingerprint
    }
}

/// Settings the collector writes.
public enum CollectorSetting: String, Sendable, CaseIterable {
    /// `x-aimeter-endpoint-secret` value.
    case endpointSecret = "endpoint_secret"
    /// `x-aimeter-cron-secret` value.
    case cronSecret = "cron_secret"
    /// HMAC key of session cookies.
    case sessionSecret = "session_secret"
    /// Normal role password hash.
    case normalPasswordHash = "normal_password_hash"
    /// Admin role password hash.
    case adminPasswordHash = "admin_password_hash"
}
