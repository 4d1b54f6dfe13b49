/// Recognizes AIMeter's window-shaped descriptions, `N unit window( for …)`, case-insensitively:
/// the hand-written equivalent of
/// `^\d+(\.\d+)?\s+(seconds?|minutes?|min|hours?|days?|weeks?|months?)\s+window(\s+for\s+.+)?$`.
///
/// Written by hand because it runs for every item of every served snapshot, and a Swift `Regex`
/// literal is parsed and compiled again each time the expression is evaluated.
enum WindowDescription {
    private static let units: Set<String> = [
        "second", "seconds", "minute", "minutes", "min", "hour", "hours",
        "day", "days", "week", "weeks", "month", "months",
    ]

    /// When `text` is window-shaped: the `" for …"` suffix (empty when there is none); else nil.
    static func suffix(of text: String) -> Substring? {
        var rest = Substring(text)
        guard skipDigits(&rest) else { return nil }
        if rest.first == "." {
            rest.removeFirst()
            guard skipDigits(&rest) else { return nil }
        }
        guard skipWhitespace(&rest), units.contains(takeWord(&rest).lowercased()),
            skipWhitespace(&rest), takeWord(&rest).lowercased() == "window"
        else { return nil }
        if rest.isEmpty { return rest }
        let suffix = rest
        guard skipWhitespace(&rest), takeWord(&rest).lowercased() == "for" else { return nil }
        let gap = rest.prefix(while: \.isWhitespace)
        let tail = rest[gap.endIndex...]
        // `\s+.+`: the tail is newline-free and, when empty, `.+` takes the gap's last character
        // (the regex backtracks), which then must not be a newline and must leave one behind.
        guard !gap.isEmpty, !tail.contains(where: \.isNewline),
            !tail.isEmpty || (gap.count >= 2 && !gap.last!.isNewline)
        else { return nil }
        return suffix
    }

    /// Removes leading decimal digits; whether there was at least one.
    private static func skipDigits(_ text: inout Substring) -> Bool {
        let start = text.startIndex
        text = text.drop { character in
            character.unicodeScalars.count == 1
                && character.unicodeScalars.first!.properties.generalCategory == .decimalNumber
        }
        return text.startIndex != start
    }

    /// Removes leading whitespace; whether there was at least one.
    private static func skipWhitespace(_ text: inout Substring) -> Bool {
        let start = text.startIndex
        text = text.drop(while: \.isWhitespace)
        return text.startIndex != start
    }

    /// Removes and returns everything up to the next whitespace.
    private static func takeWord(_ text: inout Substring) -> Substring {
        let word = text.prefix { !$0.isWhitespace }
        text = text[word.endIndex...]
        return word
    }
}
