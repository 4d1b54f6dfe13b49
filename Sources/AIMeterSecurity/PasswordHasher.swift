import Crypto
import Foundation
import _CryptoExtras

/// AIMeter's password hashes: `pbkdf2_sha256$<iterations>$<salt>$<digest>`, plus the legacy
/// unsalted `hex(sha256(password))` form, which is still accepted on verification.
///
/// The salt is 16 random bytes written as base64url text (22 characters), and the PBKDF2 salt
/// input is that text's UTF-8 bytes, not the decoded bytes. The digest is the 32-byte
/// PBKDF2-HMAC-SHA256 output as base64url without padding (43 characters).
public enum PasswordHasher {
    /// The scheme tag at the start of a hash.
    public static let scheme = "pbkdf2_sha256"
    /// AIMeter's iteration count, also used when a stored count is missing or not a number.
    public static let defaultIterations = 100_000
    /// Stored hashes asking for more iterations are refused instead of burning CPU on each login.
    public static let maximumIterations = 10_000_000

    /// Hashes `password`; a nil `salt` draws a fresh random one.
    public static func hash(_ password: String, salt: String? = nil, iterations: Int = 100_000) -> String {
        let saltText = salt ?? Base64URL.encode(SecretGenerator.randomBytes(count: 16))
        let rounds = min(max(1, iterations), maximumIterations)
        let digest = derive(password: password, salt: saltText, iterations: rounds)
        return "\(scheme)$\(rounds)$\(saltText)$\(digest)"
    }

    /// Whether `password` matches `stored` (PBKDF2 form, or the legacy SHA-256 hex form).
    ///
    /// The PBKDF2 form is re-derived with the stored iteration count; digests are compared in
    /// constant time.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == scheme else {
            let legacy = Hex.encode(SHA256.hash(data: Data(password.utf8)))
            return ConstantTime.equals(legacy, stored)
        }
        // AIMeter reads the count as `Number(iter) || 100000`.
        let iterations = Int(parts[1]).flatMap { $0 > 0 ? $0 : nil } ?? defaultIterations
        guard iterations <= maximumIterations else { return false }
        let digest = derive(password: password, salt: parts[2], iterations: iterations)
        return ConstantTime.equals(digest, parts[3])
    }

    /// Whether `stored` looks like a hash this type can verify: the PBKDF2 form with a positive
    /// iteration count, a non-empty salt and a 43-character base64url digest, or 64 hex digits.
    public static func isWellFormed(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 4 {
            guard parts[0] == scheme, let iterations = Int(parts[1]), (1...maximumIterations).contains(iterations)
            else { return false }
            return !parts[2].isEmpty && !parts[2].contains(where: \.isWhitespace)
                && parts[3].utf8.count == 43 && Base64URL.decode(parts[3])?.count == 32
        }
        return Hex.isHex(stored, length: 64)
    }

    /// PBKDF2-HMAC-SHA256 of the UTF-8 bytes of `password` and `salt`, as base64url.
    static func derive(password: String, salt: String, iterations: Int) -> String {
        let key = withNonNilBase(Array(password.utf8)) { passwordBytes in
            withNonNilBase(Array(salt.utf8)) { saltBytes in
                try? KDF.Insecure.PBKDF2.deriveKey(
                    from: passwordBytes, salt: saltBytes, using: .sha256, outputByteCount: 32,
                    unsafeUncheckedRounds: iterations)
            }
        }
        // BoringSSL only fails on allocation failure; an empty digest then never matches.
        return key.map { $0.withUnsafeBytes { Base64URL.encode($0) } } ?? ""
    }

    /// Calls `body` with a buffer whose base address is never nil, even for empty input:
    /// swift-crypto's PBKDF2 force-unwraps the base address of its inputs.
    private static func withNonNilBase<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let padded = bytes + [0]
        return padded.withUnsafeBytes { buffer in
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<bytes.count]))
        }
    }
}
