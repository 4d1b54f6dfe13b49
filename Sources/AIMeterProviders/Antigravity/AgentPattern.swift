import Foundation

/// Small regular-expression helpers for the HTML and JavaScript bodies the agent adapters scrape.
enum AgentPattern {
    /// The first capture group of `pattern` in `text`, trimmed; nil when there is no match or
    /// the capture is empty. `pattern` is a constant written in this module.
    static func firstCapture(
        _ pattern: String,
        in text: String,
        options: NSRegularExpression.Options = [.caseInsensitive]
    ) -> String? {
        guard let match = firstMatch(pattern, in: text, options: options), match.numberOfRanges > 1,
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        let value = text[range].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// Whether `pattern` matches anywhere in `text`.
    static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = [.caseInsensitive])
        -> Bool
    {
        firstMatch(pattern, in: text, options: options) != nil
    }

    /// Every first-capture of `pattern` in `text`, in order (empty captures skipped).
    static func allCaptures(
        _ pattern: String,
        in text: String,
        options: NSRegularExpression.Options = [.caseInsensitive]
    ) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return [] }
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.matches(in: text, range: whole).compactMap { match in
            guard match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
            let value = text[range].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
    }

    /// Whether a body is an HTML document rather than JSON or a script.
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(512).drop(while: { $0.isWhitespace }).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.contains("<html")
    }

    private static func firstMatch(_ pattern: String, in text: String, options: NSRegularExpression.Options)
        -> NSTextCheckingResult?
    {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text))
    }
}
