import AIMeterConfig
import AIMeterCore
import AIMeterSecurity
import AIMeterStore
import Foundation
import Synchronization

/// ``CollectorStore`` over the aimeter database and the credential cipher.
public final class DatabaseCollectorStore: CollectorStore {
    /// The database (writer).
    public let database: AppDatabase
    private let cipher: CredentialCipher
    // Fetch-state updates are read-modify-write; the collector is the only writer, so an
    // in-process lock makes them atomic.
    private let fetchStateLock = Mutex(())

    /// Wraps an open database and a cipher.
    public init(database: AppDatabase, cipher: CredentialCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// Opens the database writer (creating and migrating it) and loads the credential key:
    /// `database.encryptionKey` when configured, else the key file `<database>.key` (created 0600).
    public static func open(_ config: DatabaseConfig) throws -> DatabaseCollectorStore {
        let database = try AppDatabase.openWriter(path: config.path)
        let cipher: CredentialCipher =
            if let key = config.encryptionKey {
                CredentialCipher(keyMaterial: key)
            } else {
                try CredentialCipher.loadOrCreateKeyFile(at: CredentialCipher.keyFilePath(forDatabase: config.path))
            }
        return DatabaseCollectorStore(database: database, cipher: cipher)
    }

    // MARK: - CollectorStore (each requirement is documented on the protocol)

    public func syncProviders(_ configs: [ProviderConfig], now: Date) throws {
        try database.syncProviders(configs, now: now)
    }

    public func appendSnapshot(_ snapshot: UsageSnapshot, providerId: String, at date: Date) throws {
        try database.appendSnapshot(snapshot, providerId: providerId, at: date)
    }

    public func latestSnapshotTime(providerId: String) throws -> Date? {
        try database.latestSnapshot(providerId: providerId)?.createdAt
    }

    public func fetchState(providerId: String) throws -> FetchState {
        try database.fetchState(providerId: providerId)
    }

    public func fetchStates() throws -> [String: FetchState] {
        try database.fetchStates()
    }

    @discardableResult
    public func updateFetchState(providerId: String, _ change: (inout FetchState) -> Void) throws -> FetchState {
        try fetchStateLock.withLock { _ in
            var state = try database.fetchState(providerId: providerId)
            change(&state)
            try database.saveFetchState(state, providerId: providerId)
            return state
        }
    }

    public func retainedCredentials(providerId: String) throws -> RetainedCredential? {
        try database.retainedCredentials(providerId: providerId, cipher: cipher).map {
            RetainedCredential(credentials: $0.credentials, sourceFingerprint: $0.sourceFingerprint)
        }
    }

    public func retainCredentials(_ credentials: Credentials, sourceFingerprint: String, providerId: String, at date: Date) throws {
        try database.retainCredentials(credentials, sourceFingerprint: sourceFingerprint, providerId: providerId, cipher: cipher, at: date)
    }

    public func fingerprint(of credentials: Credentials) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        // Encoding a Codable enum of strings and dates cannot fail; the fallback still gives a
        // stable, keyed value.
        let canonical = (try? encoder.encode(credentials)) ?? Data(String(describing: credentials).utf8)
        return cipher.fingerprint(canonical)
    }

    public func setting(_ key: CollectorSetting) throws -> String? {
        try database.setting(Self.settingKey(key))
    }

    public func setSetting(_ key: CollectorSetting, to value: String, at date: Date) throws {
        try database.setSetting(Self.settingKey(key), to: value, at: date)
    }

    @discardableResult
    public func ensureSetting(_ key: CollectorSetting, at date: Date, generate: () -> String) throws -> String {
        try database.ensureSetting(Self.settingKey(key), at: date, generate: generate)
    }

    public func pruneSnapshots(before date: Date, batchSize: Int) throws -> Int {
        try database.pruneSnapshots(before: date, batchSize: batchSize)
    }

    private static func settingKey(_ key: CollectorSetting) -> SettingKey {
        switch key {
        case .endpointSecret: .endpointSecret
        case .cronSecret: .cronSecret
        case .sessionSecret: .sessionSecret
        case .normalPasswordHash: .normalPasswordHash
        case .adminPasswordHash: .adminPasswordHash
        }
    }
}
