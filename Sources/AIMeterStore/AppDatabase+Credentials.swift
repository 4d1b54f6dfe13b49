import AIMeterCore
import AIMeterSecurity
import Foundation
import GRDB

extension AppDatabase {
    /// The credential retained for a provider, decrypted; nil when none is retained.
    ///
    /// Throws ``StoreError/credentialUnreadable(providerId:)`` when the row does not open with
    /// this cipher (another key, a modified row, a row copied from another provider) or does not
    /// decode.
    public func retainedCredentials(providerId: String, cipher: CredentialCipher) throws -> RetainedCredentials? {
        guard
            let row = try dbWriter.read({ db in
                try Row.fetchOne(db, sql: "SELECT * FROM credential WHERE providerId = ?", arguments: [providerId])
            })
        else { return nil }
        let sealed: Data = row["sealed"]
        guard let plaintext = try? cipher.open(sealed, authenticating: Self.credentialContext(providerId)),
            let credentials = try? Self.credentialDecoder.decode(Credentials.self, from: plaintext)
        else { throw StoreError.credentialUnreadable(providerId: providerId) }
        return RetainedCredentials(
            credentials: credentials, sourceFingerprint: row["sourceFingerprint"],
            updatedAt: UnixTime.date(row["updatedAt"] as Int64))
    }

    /// Encrypts and stores a provider's credential, replacing the previous one.
    public func retainCredentials(
        _ credentials: Credentials, sourceFingerprint: String, providerId: String, cipher: CredentialCipher, at: Date
    ) throws {
        let sealed = try cipher.seal(
            try Self.credentialEncoder.encode(credentials), authenticating: Self.credentialContext(providerId))
        try dbWriter.write { db in
            try db.execute(
                sql: """
                    INSERT INTO credential (providerId, sealed, sourceFingerprint, updatedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT (providerId) DO UPDATE SET
                        sealed = excluded.sealed, sourceFingerprint = excluded.sourceFingerprint,
                        updatedAt = excluded.updatedAt
                    """,
                arguments: [providerId, sealed, sourceFingerprint, UnixTime.seconds(at)])
        }
    }

    /// Authenticated data binding a sealed credential to its row.
    private static func credentialContext(_ providerId: String) -> Data {
        Data("aimeter.credential.v1:\(providerId)".utf8)
    }

    private static var credentialEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    private static var credentialDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
