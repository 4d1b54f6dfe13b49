import Foundation

/// Extraction of the anti-CSRF `sec_token` from the Bailian console HTML.
enum AliyunConsolePage {
    /// Patterns tried in order, case-insensitively (so the console's `"SEC_TOKEN": "…"` matches
    /// the second one).
    static let patterns = [
        #"[?&]sec_token=([A-Za-z0-9_-]+)"#,
        #""sec_token"\s*:\s*"([^"]+)""#,
        #"sec_token['"]?\s*[:=]\s*['"]([^'"]+)['"]"#,
        #"secToken['"]?\s*[:=]\s*['"]([^'"]+)['"]"#,
    ]

    /// The first token found, percent-decoded; nil when the page has none (a login page).
    static func secToken(in html: String) -> String? {
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
                let range = Range(match.range(at: 1), in: html)
            else { continue }
            let token = String(html[range])
            return token.removingPercentEncoding ?? token
        }
        return nil
    }
}
