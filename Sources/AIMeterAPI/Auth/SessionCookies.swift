import AIMeterCore
import Foundation
import Hummingbird

/// Reading and writing the session cookies, byte-compatible with AIMeter (reference/api.md §2.3).
public enum SessionCookies {
    /// The cookies of a request: every `Cookie` header split on `;`, each pair split at the first
    /// `=`, names and values trimmed, values URI-decoded (kept as they are when that fails, as the
    /// `cookie` package does). The first occurrence of a name wins.
    public static func parse(_ headerValues: [String]) -> [String: String] {
        var cookies: [String: String] = [:]
        let quote = UInt8(ascii: "\"")
        for header in headerValues {
            // Byte-wise: the separators are ASCII, and splitting by Character would segment graphemes.
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let name = JSString.trim(String(Substring(pair[..<equals])))
                var value = JSString.trim(String(Substring(pair[pair.index(after: equals)...])))
                if value.utf8.count >= 2, value.utf8.first == quote, value.utf8.last == quote {
                    value = String(Substring(value.utf8.dropFirst().dropLast()))
                }
                guard !name.isEmpty, cookies[name] == nil else { continue }
                cookies[name] = PercentEncoding.decode(value) ?? value
            }
        }
        return cookies
    }

    /// Every cookie of `request` (see ``parse(_:)``).
    public static func cookies(of request: Request) -> [String: String] {
        parse(request.headers[values: .cookie])
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
