import AIMeterCore
import Crypto
import Foundation

/// AIMeter's stateless session tokens (the value of `aimeter_<role>_session` cookies).
///
/// `base64url(payload) + "." + base64url(HMAC-SHA256(key: secret, payloadB64 + "." + passwordHash))`
/// where the payload is exactly `{"iat":N,"exp":N,"nonce":"<32 hex>"}`. Binding the signature to
/// the role's password hash makes a password change invalidate every token of that role.
public enum SessionToken {
    /// Issues a token valid from `issuedAt` (floored to seconds) for `ttlSeconds`.
    public static func make(
        secret: String, passwordHash: String, issuedAt: Date, ttlSeconds: Int,
        nonce: String = SecretGenerator.hex32()
    ) -> String {
        let issued = Int64(issuedAt.timeIntervalSince1970.rounded(.down))
        let expires = issued + Int64(ttlSeconds)
        let payload = "{\"iat\":\(issued),\"exp\":\(expires),\"nonce\":\(JSONValue.string(nonce).serialized())}"
        let payloadB64 = Base64URL.encode(Array(payload.utf8))
        return payloadB64 + "." + signature(payloadB64: payloadB64, secret: secret, passwordHash: passwordHash)
    }

    /// Whether `token` was issued with `secret` for `passwordHash` and has not expired at `now`.
    ///
    /// AIMeter's rules: exactly two dot-separated parts, a matching signature (constant time),
    /// a payload that parses as JSON, and a numeric `exp` greater than `now` in seconds.
    public static func isValid(_ token: String, secret: String, passwordHash: String, now: Date) -> Bool {
        guard let parts = split(token) else { return false }
        let expected = Expectation(payloadB64: parts.payload, secret: secret, passwordHash: passwordHash)
        return expected.accepts(signature: parts.signature, now: now)
    }

    /// The payload and signature parts of a token; nil unless there are exactly two.
    static func split(_ token: String) -> (payload: String, signature: String)? {
        // Byte-wise: `.` is ASCII, and splitting by Character would segment graphemes.
        let bytes = token.utf8
        let dot = UInt8(ascii: ".")
        guard let separator = bytes.firstIndex(of: dot) else { return nil }
        let signatureStart = bytes.index(after: separator)
        guard !bytes[signatureStart...].contains(dot) else { return nil }
        return (String(token[..<separator]), String(token[signatureStart...]))
    }

    /// What the server expects of a token with a given payload: the signature it must carry and
    /// the payload's expiry (nil when the payload is not JSON with a finite numeric `exp`).
    struct Expectation: Sendable {
        let signature: String
        let expires: Double?

        init(payloadB64: String, secret: String, passwordHash: String) {
            signature = SessionToken.signature(payloadB64: payloadB64, secret: secret, passwordHash: passwordHash)
            if let payload = Base64URL.decode(payloadB64), let json = try? JSONValue.parse(payload),
                case .number(let exp)? = json["exp"], exp.isFinite
            {
                expires = exp
            } else {
                expires = nil
            }
        }

        /// Whether a token with this payload and `signature` is valid at `now`; the signature is
        /// compared in constant time.
        func accepts(signature given: String, now: Date) -> Bool {
            guard ConstantTime.equals(signature, given), let expires else { return false }
            return expires > now.timeIntervalSince1970.rounded(.down)
        }
    }

    private static func signature(payloadB64: String, secret: String, passwordHash: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data((payloadB64 + "." + passwordHash).utf8), using: key)
        return Base64URL.encode(code)
    }
}
