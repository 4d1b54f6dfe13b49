import AIMeterSecurity
import AIMeterTestSupport
import Foundation
import Testing

@Suite struct CredentialCipherTests {
    let cipher = CredentialCipher(keyMaterial: "a configured key")

    @Test func sealsAndOpens() throws {
        let plaintext = Data("{\"apiKey\":\"sk-test\"}".utf8)
        let sealed = try cipher.seal(plaintext)
        #expect(sealed.count == 12 + plaintext.count + 16)
        #expect(try cipher.open(sealed) == plaintext)
        #expect(sealed.range(of: Data("sk-test".utf8)) == nil)
    }

    @Test func everySealUsesAFreshNonce() throws {
        let plaintext = Data("same".utf8)
        #expect(try cipher.seal(plaintext) != cipher.seal(plaintext))
    }

    @Test func flippingAnyByteMakesOpenThrow() throws {
        let sealed = try cipher.seal(Data("tamper me".utf8))
        for index in sealed.indices {
            var modified = sealed
            modified[index] ^= 0x01
            #expect(throws: CredentialCipherError.tampered) { try cipher.open(modified) }
        }
        #expect(throws: CredentialCipherError.tampered) { try cipher.open(sealed.dropLast()) }
        #expect(throws: CredentialCipherError.tampered) { try cipher.open(Data()) }
    }

    @Test func anotherKeyOrContextCannotOpen() throws {
        let sealed = try cipher.seal(Data("x".utf8), authenticating: Data("row-1".utf8))
        #expect(try cipher.open(sealed, authenticating: Data("row-1".utf8)) == Data("x".utf8))
        #expect(throws: CredentialCipherError.tampered) { try cipher.open(sealed, authenticating: Data("row-2".utf8)) }
        #expect(throws: CredentialCipherError.tampered) {
            try CredentialCipher(keyMaterial: "another key").open(sealed, authenticating: Data("row-1".utf8))
        }
    }

    @Test func keyMaterialIsTrimmed() throws {
        let sealed = try cipher.seal(Data("x".utf8))
        #expect(try CredentialCipher(keyMaterial: "  a configured key\n").open(sealed) == Data("x".utf8))
    }

    @Test func fingerprintIsStableHexAndKeyDependent() {
        let data = Data("credential".utf8)
        let fingerprint = cipher.fingerprint(data)
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(cipher.fingerprint(data) == fingerprint)
        #expect(cipher.fingerprint(Data("credential2".utf8)) != fingerprint)
        #expect(CredentialCipher(keyMaterial: "another key").fingerprint(data) != fingerprint)
    }

    @Test func keyFileIsCreatedWithMode0600AndReused() throws {
        let directory = try TemporaryDirectory(prefix: "key")
        let path = CredentialCipher.keyFilePath(forDatabase: directory.path("aimeter.db"))
        #expect(path == directory.path("aimeter.db.key"))
        let first = try CredentialCipher.loadOrCreateKeyFile(at: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.count == 64 && text.allSatisfy { "0123456789abcdef".contains($0) })
        let sealed = try first.seal(Data("kept".utf8))
        let second = try CredentialCipher.loadOrCreateKeyFile(at: path)
        #expect(try second.open(sealed) == Data("kept".utf8))
        // The file's text is key material exactly like a configured key.
        #expect(try CredentialCipher(keyMaterial: text).open(sealed) == Data("kept".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(leftovers == ["aimeter.db.key"])
    }

    @Test func refusesAKeyFileReadableByOthers() throws {
        let directory = try TemporaryDirectory(prefix: "key")
        let path = directory.path("aimeter.db.key")
        _ = try CredentialCipher.loadOrCreateKeyFile(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: CredentialCipherError.keyFileInsecure(path: path, mode: 0o644)) {
            try CredentialCipher.loadOrCreateKeyFile(at: path)
        }
        let message = CredentialCipherError.keyFileInsecure(path: path, mode: 0o644).description
        #expect(message.contains(path) && message.contains("644"))
    }

    @Test func refusesAKeyFileWithoutA64HexKey() throws {
        let directory = try TemporaryDirectory(prefix: "key")
        let path = directory.path("aimeter.db.key")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600]))
        #expect(throws: CredentialCipherError.keyFileInvalid(path: path)) {
            try CredentialCipher.loadOrCreateKeyFile(at: path)
        }
    }
}
