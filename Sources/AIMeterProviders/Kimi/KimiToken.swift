import AIMeterCore
import Foundation

/// The `kimi-auth` JWT of the Kimi web console and the claims the console echoes in headers.
///
/// The payload is decoded **without verifying the signature**: aimeter only copies the device,
/// session and user ids into request headers the way the browser does, and reads `exp` to stop
/// polling with a token that has certainly expired. Kimi verifies the token itself.
struct KimiToken: Sendable, Equatable {
    /// The JWT sent as bearer token and as the `kimi-auth` cookie.
    var jwt: String
    /// `device_id` claim, or empty.
    var deviceId: String = ""
    /// `ssid` claim, or empty.
    var sessionId: String = ""
    /// `sub` claim, or empty.
    var subject: String = ""
    /// `exp` claim, when present.
    var expiresAt: Date?

    /// Reads the token out of a credential value: a whole `Cookie` header (the `kimi-auth`
    /// member is taken), `kimi-auth=<jwt>`, or the bare JWT.
    init(credentialValue: String) {
        let value = CookieString.stripped(credentialValue)
        jwt = CookieString.pairs(value).first(where: { $0.name == "kimi-auth" && !$0.value.isEmpty })?.value ?? value
        guard let claims = JWTClaims.payload(of: jwt) else { return }
        deviceId = Self.claimText(claims["device_id"])
        sessionId = Self.claimText(claims["ssid"])
        subject = Self.claimText(claims["sub"])
        expiresAt = claims["exp"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
    }

    /// A claim as header text: strings as they are, numbers printed like JavaScript does.
    /// Control characters are dropped so a crafted payload cannot inject header lines.
    private static func claimText(_ value: JSONValue?) -> String {
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = JSNumber.format(number)
        default: return ""
        }
        return String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.map(Character.init))
    }
}
