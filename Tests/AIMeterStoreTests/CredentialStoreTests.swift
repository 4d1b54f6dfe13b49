import AIMeterCore
import AIMeterSecurity
import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct CredentialStoreTests {
    let cipher = CredentialCipher(keyMaterial: "test key material")
    let tokens = Credentials.oauth(
        OAuthTokens(
            accessToken: "at-secret", refreshToken: "rt-secret", expiresAt: .unix(1_800_000_000), clientId: "client"))

    @Test func retainsAndReadsBack() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        #expect(try fixture.database.retainedCredentials(providerId: "a", cipher: cipher) == nil)
        try fixture.database.retainCredentials(tokens, sourceFingerprint: "fp1", providerId: "a", cipher: cipher, at: .unix(77))
        let retained = try fixture.database.retainedCredentials(providerId: "a", cipher: cipher)
        #expect(retained == RetainedCredentials(credentials: tokens, sourceFingerprint: "fp1", updatedAt: .unix(77)))
        try fixture.database.retainCredentials(.apiKey("k2"), sourceFingerprint: "fp2", providerId: "a", cipher: cipher, at: .unix(78))
        #expect(try fixture.database.retainedCredentials(providerId: "a", cipher: cipher)?.credentials == .apiKey("k2"))
    }

    @Test func storesNoPlaintext() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.database.retainCredentials(tokens, sourceFingerprint: "fp", providerId: "a", cipher: cipher, at: .unix(1))
        let sealed = try fixture.database.dbWriter.read { try Data.fetchOne($0, sql: "SELECT sealed FROM credential") }
        let bytes = try #require(sealed)
        #expect(bytes.range(of: Data("at-secret".utf8)) == nil)
        #expect(bytes.range(of: Data("rt-secret".utf8)) == nil)
    }

    @Test func modifiedRowIsUnreadable() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.database.retainCredentials(tokens, sourceFingerprint: "fp", providerId: "a", cipher: cipher, at: .unix(1))
        try fixture.database.dbWriter.write { db in
            var sealed = try #require(try Data.fetchOne(db, sql: "SELECT sealed FROM credential"))
            sealed[20] ^= 0x80
            try db.execute(sql: "UPDATE credential SET sealed = ?", arguments: [sealed])
        }
        #expect(throws: StoreError.credentialUnreadable(providerId: "a")) {
            try fixture.database.retainedCredentials(providerId: "a", cipher: cipher)
        }
    }

    @Test func wrongKeyOrMovedRowIsUnreadable() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        try fixture.database.retainCredentials(tokens, sourceFingerprint: "fp", providerId: "a", cipher: cipher, at: .unix(1))
        #expect(throws: StoreError.credentialUnreadable(providerId: "a")) {
            try fixture.database.retainedCredentials(providerId: "a", cipher: CredentialCipher(keyMaterial: "other"))
        }
        try fixture.database.dbWriter.write { db in
            try db.execute(
                sql: "INSERT INTO credential SELECT 'b', sealed, sourceFingerprint, updatedAt FROM credential WHERE providerId = 'a'")
        }
        #expect(throws: StoreError.credentialUnreadable(providerId: "b")) {
            try fixture.database.retainedCredentials(providerId: "b", cipher: cipher)
        }
    }

    @Test func worksWithAKeyFileCipher() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        let keyPath = CredentialCipher.keyFilePath(forDatabase: fixture.path)
        let fileCipher = try CredentialCipher.loadOrCreateKeyFile(at: keyPath)
        try fixture.database.retainCredentials(.cookie("c=1"), sourceFingerprint: "fp", providerId: "a", cipher: fileCipher, at: .unix(1))
        let reloaded = try CredentialCipher.loadOrCreateKeyFile(at: keyPath)
        #expect(try fixture.database.retainedCredentials(providerId: "a", cipher: reloaded)?.credentials == .cookie("c=1"))
    }
}
