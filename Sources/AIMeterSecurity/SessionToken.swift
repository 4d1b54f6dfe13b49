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
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return false }
        let expected = signature(payloadB64: parts[0], secret: secret, passwordHash: passwordHash)
        guard ConstantTime.equals(expected, parts[1]) else { return false }
        guard let payload = Base64URL.decode(parts[0]), let json = try? JSONValue.parse(payload),
            case .number(let expires)? = json["exp"], expires.isFinite
        else { return false }
        return expires > now.timeIntervalSince1970.rounded(.down)
    }

    private static func signature(payloadB64: String, secret: String, passwordHash: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data((payloadB64 + "." + passwordHash).utf8), using: key)
        return Base64URL.encode(code)
    }
}
