import Crypto
import Foundation

/// Encrypts provider credentials at rest with AES-256-GCM.
///
/// Every seal draws a fresh random 12-byte nonce; the output is GCM's combined representation
/// (`nonce ‖ ciphertext ‖ 16-byte tag`), so any modified byte, or the wrong key, makes ``open(_:)``
/// throw ``CredentialCipherError/tampered``.
public struct CredentialCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let fingerprintKey: SymmetricKey

    /// Derives the key from a configured secret: SHA-256 of its UTF-8 text, trimmed of
    /// surrounding whitespace (as AIMeter derives its key from `AIMETER_ENCRYPTION_KEY`).
    public init(keyMaterial: String) {
        let trimmed = keyMaterial.trimmingCharacters(in: .whitespacesAndNewlines)
        encryptionKey = SymmetricKey(data: SHA256.hash(data: Data(trimmed.utf8)))
        // A separate key for fingerprints, so a fingerprint never reveals anything about the
        // encryption key's use (key separation).
        let derived = HMAC<SHA256>.authenticationCode(
            for: Data("aimeter.credential-fingerprint.v1".utf8), using: encryptionKey)
        fingerprintKey = SymmetricKey(data: Data(derived))
    }

    /// Encrypts `plaintext`; the result is `nonce ‖ ciphertext ‖ tag`.
    public func seal(_ plaintext: Data) throws -> Data {
        try seal(plaintext, authenticating: Data())
    }

    /// Encrypts `plaintext` bound to `context` (authenticated, not stored): opening with another
    /// context fails, so a sealed value cannot be moved to another row unnoticed.
    public func seal(_ plaintext: Data, authenticating context: Data) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: encryptionKey, nonce: AES.GCM.Nonce(), authenticating: context)
        guard let combined = box.combined else { throw CredentialCipherError.tampered }
        return combined
    }

    /// Decrypts a value made by ``seal(_:)``.
    public func open(_ sealed: Data) throws -> Data {
        try open(sealed, authenticating: Data())
    }

    /// Decrypts a value made by ``seal(_:authenticating:)`` with the same `context`.
    public func open(_ sealed: Data, authenticating context: Data) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return try AES.GCM.open(box, using: encryptionKey, authenticating: context)
        } catch {
            throw CredentialCipherError.tampered
        }
    }

    /// HMAC-SHA256 of `data` under a key derived from this cipher's key, as lowercase hex.
    ///
    /// Lets the collector tell whether a configured credential changed without storing it in
    /// clear; without the key the fingerprint reveals nothing about the credential.
    public func fingerprint(_ data: Data) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: data, using: fingerprintKey))
    }
}
