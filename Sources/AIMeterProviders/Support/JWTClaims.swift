import AIMeterCore
import Foundation

/// Reads the payload of a JWT **without verifying it**: only to pick up hints we sent the
/// token for ourselves (an account id, the expiry), never to make a trust decision.
public enum JWTClaims {
    /// The decoded payload object, or nil when `token` is not a three-part JWT with a JSON payload.
    public static func payload(of token: String) -> JSONValue? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let value = try? JSONValue.parse(data), value.objectValue != nil else {
            return nil
        }
        return value
    }

    /// The `exp` claim as a date.
    public static func expiry(of token: String) -> Date? {
        payload(of: token)?["exp"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
    }
}
