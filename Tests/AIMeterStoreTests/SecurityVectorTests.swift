@testable import AIMeterSecurity
import Foundation
import Testing

@Suite struct PasswordHasherTests {
    @Test func matchesAIMeterVector() {
        let hash = PasswordHasher.hash("mypassword123", salt: "AAAAAAAAAAAAAAAAAAAAAA")
        #expect(hash == "pbkdf2_sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY")
    }

    @Test func verifiesTheVectorAndRejectsOtherPasswords() {
        let stored = "pbkdf2_sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY"
        #expect(PasswordHasher.verify("mypassword123", against: stored))
        #expect(!PasswordHasher.verify("mypassword124", against: stored))
        #expect(!PasswordHasher.verify("", against: stored))
    }

    @Test func verifiesLegacySHA256Hex() {
        let legacy = "6e659deaa85842cdabb5c6305fcc40033ba43772ec00d45c2a3c921741a5e377"
        #expect(PasswordHasher.verify("mypassword123", against: legacy))
        #expect(!PasswordHasher.verify("mypassword12", against: legacy))
    }

    @Test func randomSaltIs22Base64URLCharactersAndRoundTrips() throws {
        let hash = PasswordHasher.hash("correct horse 42", iterations: 1_000)
        let parts = hash.split(separator: "$").map(String.init)
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2_sha256" && parts[1] == "1000")
        #expect(parts[2].count == 22)
        #expect(parts[3].count == 43)
        #expect(PasswordHasher.verify("correct horse 42", against: hash))
        #expect(PasswordHasher.hash("correct horse 42", iterations: 1_000) != hash)
    }

    @Test func usesTheStoredIterationCount() {
        let hash = PasswordHasher.hash("another secret 7", salt: "c2FsdHNhbHRzYWx0c2FsdA", iterations: 2_000)
        #expect(hash.hasPrefix("pbkdf2_sha256$2000$"))
        #expect(PasswordHasher.verify("another secret 7", against: hash))
        let tampered = hash.replacingOccurrences(of: "$2000$", with: "$2001$")
        #expect(!PasswordHasher.verify("another secret 7", against: tampered))
    }

    @Test func recognisesWellFormedHashes() {
        #expect(PasswordHasher.isWellFormed(PasswordHasher.hash("x", iterations: 10)))
        #expect(PasswordHasher.isWellFormed("6e659deaa85842cdabb5c6305fcc40033ba43772ec00d45c2a3c921741a5e377"))
        #expect(!PasswordHasher.isWellFormed("pbkdf2_sha256$0$salt$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY"))
        #expect(!PasswordHasher.isWellFormed("pbkdf2_sha256$100000$salt$short"))
        #expect(!PasswordHasher.isWellFormed("bcrypt$100000$salt$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY"))
        #expect(!PasswordHasher.isWellFormed("plain"))
        #expect(!PasswordHasher.isWellFormed(""))
    }
}

@Suite struct SessionTokenTests {
    let secret = "0123456789abcdef0123456789abcdef"
    let hash = "pbkdf2_sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY"
    let vector =
        "eyJpYXQiOjE3NDE4MjQwMDAsImV4cCI6MTc0MTgzODQwMCwibm9uY2UiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiJ9"
        + ".fdU3sbllaOlLSSv0L8x78JdeNduFJh6UEH3cdvyFzs8"

    @Test func matchesAIMeterVector() {
        let token = SessionToken.make(
            secret: secret, passwordHash: hash, issuedAt: Date(timeIntervalSince1970: 1_741_824_000.9),
            ttlSeconds: 14_400, nonce: "00112233445566778899aabbccddeeff")
        #expect(token == vector)
    }

    @Test func isValidUntilExpiry() {
        #expect(SessionToken.isValid(vector, secret: secret, passwordHash: hash, now: Date(timeIntervalSince1970: 1_741_838_399)))
        #expect(!SessionToken.isValid(vector, secret: secret, passwordHash: hash, now: Date(timeIntervalSince1970: 1_741_838_400)))
    }

    @Test func isBoundToSecretAndPasswordHash() {
        let now = Date(timeIntervalSince1970: 1_741_824_100)
        #expect(!SessionToken.isValid(vector, secret: secret + "0", passwordHash: hash, now: now))
        #expect(!SessionToken.isValid(vector, secret: secret, passwordHash: hash + "x", now: now))
    }

    @Test func rejectsMalformedTokens() {
        let now = Date(timeIntervalSince1970: 1_741_824_100)
        let parts = vector.split(separator: ".").map(String.init)
        #expect(!SessionToken.isValid(vector + ".", secret: secret, passwordHash: hash, now: now))
        #expect(!SessionToken.isValid(parts[0], secret: secret, passwordHash: hash, now: now))
        #expect(!SessionToken.isValid("", secret: secret, passwordHash: hash, now: now))
        #expect(!SessionToken.isValid(parts[0] + "." + parts[1].dropLast() + "t", secret: secret, passwordHash: hash, now: now))
    }

    @Test func freshTokensCarryRandomNoncesAndVerify() {
        let issued = Date(timeIntervalSince1970: 2_000_000_000)
        let first = SessionToken.make(secret: secret, passwordHash: hash, issuedAt: issued, ttlSeconds: 60)
        let second = SessionToken.make(secret: secret, passwordHash: hash, issuedAt: issued, ttlSeconds: 60)
        #expect(first != second)
        #expect(SessionToken.isValid(first, secret: secret, passwordHash: hash, now: issued))
        #expect(!SessionToken.isValid(first, secret: secret, passwordHash: hash, now: issued.addingTimeInterval(60)))
    }
}

/// The verifier remembers the server's own computation per payload; every presented signature,
/// secret, password hash and expiry must still be checked as ``SessionToken/isValid`` does.
@Suite struct SessionVerifierTests {
    let tokens = SessionTokenTests()
    let now = Date(timeIntervalSince1970: 1_741_824_100)

    @Test func aRememberedPayloadStillNeedsItsOwnSignature() {
        let verifier = SessionVerifier()
        let parts = tokens.vector.split(separator: ".").map(String.init)
        #expect(verifier.isValid(tokens.vector, secret: tokens.secret, passwordHash: tokens.hash, now: now))
        // Same payload, now remembered: forged or truncated signatures are still refused.
        #expect(!verifier.isValid(parts[0] + "." + parts[1].dropLast() + "t", secret: tokens.secret, passwordHash: tokens.hash, now: now))
        #expect(!verifier.isValid(parts[0] + ".", secret: tokens.secret, passwordHash: tokens.hash, now: now))
        #expect(!verifier.isValid(parts[0] + "." + parts[1] + ".x", secret: tokens.secret, passwordHash: tokens.hash, now: now))
        #expect(verifier.isValid(tokens.vector, secret: tokens.secret, passwordHash: tokens.hash, now: now))
    }

    @Test func aRotatedSecretOrChangedPasswordEndsARememberedSession() {
        let verifier = SessionVerifier()
        #expect(verifier.isValid(tokens.vector, secret: tokens.secret, passwordHash: tokens.hash, now: now))
        #expect(!verifier.isValid(tokens.vector, secret: tokens.secret + "0", passwordHash: tokens.hash, now: now))
        #expect(!verifier.isValid(tokens.vector, secret: tokens.secret, passwordHash: tokens.hash + "x", now: now))
    }

    @Test func aRememberedSessionExpiresOnTime() {
        let verifier = SessionVerifier()
        #expect(verifier.isValid(tokens.vector, secret: tokens.secret, passwordHash: tokens.hash, now: Date(timeIntervalSince1970: 1_741_838_399)))
        #expect(!verifier.isValid(tokens.vector, secret: tokens.secret, passwordHash: tokens.hash, now: Date(timeIntervalSince1970: 1_741_838_400)))
    }

    @Test func anOversizedPayloadIsStillCheckedInFull() {
        let verifier = SessionVerifier()
        let long = SessionToken.make(
            secret: tokens.secret, passwordHash: tokens.hash, issuedAt: now, ttlSeconds: 60,
            nonce: String(repeating: "ab", count: SessionVerifier.rememberedPayloadBytes))
        let parts = long.split(separator: ".").map(String.init)
        #expect(parts[0].utf8.count > SessionVerifier.rememberedPayloadBytes)
        let forged = parts[0] + "." + parts[1].dropLast() + (parts[1].hasSuffix("A") ? "B" : "A")
        for _ in 0..<2 {
            #expect(verifier.isValid(long, secret: tokens.secret, passwordHash: tokens.hash, now: now))
            #expect(!verifier.isValid(forged, secret: tokens.secret, passwordHash: tokens.hash, now: now))
            #expect(!verifier.isValid(long, secret: tokens.secret, passwordHash: tokens.hash, now: now.addingTimeInterval(60)))
        }
    }

    @Test func agreesWithSessionTokenOnEveryCaseTwice() {
        let verifier = SessionVerifier(capacity: 2)
        let parts = tokens.vector.split(separator: ".").map(String.init)
        let fresh = SessionToken.make(secret: tokens.secret, passwordHash: tokens.hash, issuedAt: now, ttlSeconds: 60)
        let cases = [tokens.vector, fresh, "", parts[0], "a.b", "!!!.???", parts[1] + "." + parts[0], fresh + "x"]
        // Twice over, with a memo smaller than the cases: remembered and recomputed answers agree.
        for token in cases + cases {
            for secret in [tokens.secret, "other-secret"] {
                #expect(
                    verifier.isValid(token, secret: secret, passwordHash: tokens.hash, now: now)
                        == SessionToken.isValid(token, secret: secret, passwordHash: tokens.hash, now: now), "\(token)")
            }
        }
    }
}

@Suite struct SecretsAndPolicyTests {
    @Test func hex32IsLowercaseHexAndRandom() {
        let values = (0..<20).map { _ in SecretGenerator.hex32() }
        for value in values {
            #expect(value.count == 32)
            #expect(value.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(values).count == values.count)
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
        #expect(ConstantTime.equals("", ""))
        #expect(!ConstantTime.equals("é", "e"))
    }

    @Test func passwordPolicyMessagesInAIMeterOrder() {
        #expect(PasswordPolicy.violation("short1") == "Password must be at least 12 characters")
        #expect(PasswordPolicy.violation("") == "Password must be at least 12 characters")
        #expect(PasswordPolicy.violation("123456789012") == "Password must contain at least one letter")
        #expect(PasswordPolicy.violation("ééééééééééé1") == "Password must contain at least one letter")
        #expect(PasswordPolicy.violation("abcdefghijkl") == "Password must contain at least one digit")
        #expect(PasswordPolicy.violation("abcdefghijk1") == nil)
    }

    @Test func passwordLengthCountsUTF16Units() {
        // Six emoji are 12 UTF-16 code units, so length passes and the letter rule reports.
        #expect(PasswordPolicy.violation("😀😀😀😀😀😀") == "Password must contain at least one letter")
        #expect(PasswordPolicy.violation("a1😀😀😀😀😀") == nil)
        #expect(PasswordPolicy.violation("a1😀😀😀😀") == "Password must be at least 12 characters")
        #expect(PasswordPolicy.violation("a1ééééééé") == "Password must be at least 12 characters")
    }
}

@Suite struct Base64URLTests {
    /// Foundation's standard base64, turned into base64url without padding: the reference.
    static func reference(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    @Test func encodesAndDecodesLikeTheStandardAlphabetForEveryLengthUpTo64() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0...64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64URL.encode(bytes)
            #expect(text == Self.reference(bytes))
            #expect(try #require(Base64URL.decode(text)) == Data(bytes))
        }
    }

    @Test func decodingAcceptsPaddingAndRejectsOtherText() {
        #expect(Base64URL.decode("_-8") == Data([0xff, 0xef]))
        #expect(Base64URL.decode("_-8=") == Data([0xff, 0xef]))
        #expect(Base64URL.decode("") == Data())
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("ab+/") == nil)
        #expect(Base64URL.decode("ab cd") == nil)
    }
}
