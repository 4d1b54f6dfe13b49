import AIMeterCore
import Foundation

/// Checks session tokens like ``SessionToken/isValid(_:secret:passwordHash:now:)``, remembering
/// per payload what the server expects (its signature and expiry), so a cookie presented again
/// costs a lookup and a constant-time comparison instead of an HMAC and a JSON parse.
///
/// The presented signature is compared on every request; only the server's own computation is
/// reused. The memo is keyed by the payload together with the secret and password hash it was
/// computed for, so a rotated secret or a changed password is never checked against an old
/// expectation. A stream of unknown payloads only empties the memo (see ``BoundedMemo``), and
/// payloads longer than ``rememberedPayloadBytes`` (never issued by aimeter) are not kept.
public final class SessionVerifier: Sendable {
    private struct Key: Hashable, Sendable {
        var payload: String
        var secret: String
        var passwordHash: String
    }

    private let expectations: BoundedMemo<Key, SessionToken.Expectation>

    /// The longest payload remembered; aimeter's own are about 100 characters.
    public static let rememberedPayloadBytes = 256

    /// Creates a verifier that remembers up to `capacity` payloads.
    public init(capacity: Int = 1024) {
        expectations = BoundedMemo(capacity: capacity)
    }

    /// Whether `token` was issued with `secret` for `passwordHash` and has not expired at `now`.
    public func isValid(_ token: String, secret: String, passwordHash: String, now: Date) -> Bool {
        guard let parts = SessionToken.split(token) else { return false }
        let key = Key(payload: parts.payload, secret: secret, passwordHash: passwordHash)
        let remember = parts.payload.utf8.count <= Self.rememberedPayloadBytes
        let expectation = expectations.value(for: key, remember: remember) { key in
            SessionToken.Expectation(payloadB64: key.payload, secret: key.secret, passwordHash: key.passwordHash)
        }
        return expectation.accepts(signature: parts.signature, now: now)
    }
}
