import Foundation
import Hummingbird

/// Reading and writing the session cookies, byte-compatible with AIMeter (reference/api.md §2.3).
public enum SessionCookies {
    /// The cookies of a request: every `Cookie` header split on `;`, each pair split at the first
    /// `=`, names and values trimmed, values URI-decoded. The first occurrence of a name wins.
    public static func parse(_ headerValues: [String]) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headerValues {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
                var value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                guard !name.isEmpty, cookies[name] == nil else { continue }
                cookies[name] = value.removingPercentEncoding ?? value
            }
        }
        return cookies
    }

    /// The session token of `role` in `request`, if any.
    public static func token(for role: Role, in request: Request) -> String? {
        parse(request.headers[values: .cookie])[role.cookieName]
    }

    /// `Set-Cookie` value that stores `token` for `ttlSeconds`.
    public static func setCookie(role: Role, token: String, ttlSeconds: Int, secure: Bool) -> String {
        let encoded = token.addingPercentEncoding(withAllowedCharacters: uriComponentAllowed) ?? token
        return "\(role.cookieName)=\(encoded); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(ttlSeconds)" + (secure ? "; Secure" : "")
    }

    /// `Set-Cookie` value that deletes the cookie of `role`.
    public static func clearCookie(role: Role, secure: Bool) -> String {
        "\(role.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "")
    }

    /// AIMeter's TTL rule: `max(sessionTtlSeconds || 43200, 300)`.
    public static func effectiveTTL(_ configured: Int) -> Int {
        max(configured > 0 ? configured : 43200, 300)
    }

    /// The characters `encodeURIComponent` leaves alone.
    static let uriComponentAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
}
