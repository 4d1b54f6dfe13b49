import Foundation

/// Reads the plan badge next to "Cloud Usage" on ollama.com's settings page (AIMeter's rules).
enum OllamaPlanParser {
    private static let label = #"Cloud(?:\s|&nbsp;)+Usage"#
    private static let badgeClass = #"<span[^>]*class=["'][^"']*(?:rounded-full|capitalize|bg-neutral-100)[^"']*["'][^>]*>\s*([^<]+?)\s*</span\s*>"#

    /// Candidate patterns, first capture wins.
    private static let patterns = [
        label + #"\s*</span\s*>\s*<span[^>]*>\s*([^<]+?)\s*</span\s*>"#,
        #"<h2[^>]*>[\s\S]*?<span[^>]*>\s*"# + label + #"\s*</span\s*>[\s\S]*?<span[^>]*>\s*([^<]+?)\s*</span\s*>[\s\S]*?</h2>"#,
        #"<h2[^>]*>[\s\S]*?"# + label + #"[\s\S]*?"# + badgeClass + #"[\s\S]*?</h2>"#,
        label + #"[\s\S]{0,350}?"# + badgeClass,
    ]

    /// The plan, e.g. `Free` or `Pro`.
    static func plan(in html: String) -> String? {
        let options: NSRegularExpression.Options = [.caseInsensitive, .dotMatchesLineSeparators]
        for pattern in patterns {
            if let raw = AgentPattern.firstCapture(pattern, in: html, options: options) { return normalize(raw) }
        }
        return headingFallback(in: html)
    }

    /// The first meaningful `<span>` inside the `<h2>` that contains the label.
    static func headingFallback(in html: String) -> String? {
        guard let labelRange = html.range(of: label, options: [.regularExpression, .caseInsensitive]),
            let h2Start = html.range(of: "<h2", options: .backwards, range: html.startIndex..<labelRange.lowerBound),
            let h2End = html.range(of: "</h2>", range: labelRange.lowerBound..<html.endIndex)
        else { return nil }
        let heading = String(html[h2Start.lowerBound..<h2End.upperBound])
        for value in AgentPattern.allCaptures(#"<span[^>]*>\s*([^<]+?)\s*</span>"#, in: heading) {
            if AgentPattern.matches("^" + label + "$", in: value) { continue }
            if AgentPattern.matches(#"^resets?\s+in"#, in: value) { continue }
            if AgentPattern.matches(#"%\s*used$"#, in: value) { continue }
            return normalize(value)
        }
        return nil
    }

    /// `free` → `Free`, `PRO` → `Pro`; text that looks like a usage line is kept as it is.
    static func normalize(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        guard let first = lower.first else { return raw }
        if AgentPattern.matches(#"usage|resets?\s+in|%\s*used"#, in: lower) { return trimmed }
        return first.uppercased() + lower.dropFirst()
    }
}
