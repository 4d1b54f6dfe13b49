import Foundation

/// claude.ai `sessionKey` cookie normalization (AIMeter's rules).
enum ClaudeCookie {
    /// The message for a value without a usable `sessionKey`.
    static let formatProblem = "Invalid Claude cookie format. Paste the sessionKey value (sk-ant-...) or the whole Cookie header."

    /// The `Cookie` header to send: `sessionKey=<v>` first, then every other pasted cookie;
    /// nil when there is no `sessionKey` starting with `sk-ant-`.
    static func header(from raw: String) -> String? {
        let text = CookieString.stripped(raw)
        if text.hasPrefix("sk-ant-") { return "sessionKey=\(text)" }
        let pairs = CookieString.pairs(text)
        guard let session = pairs.last(where: { $0.name.lowercased() == "sessionkey" }), session.value.hasPrefix("sk-ant-") else {
            return nil
        }
        let others = pairs.filter { $0.name.lowercased() != "sessionkey" }
        return CookieString.header([("sessionKey", session.value)] + others)
    }
}
