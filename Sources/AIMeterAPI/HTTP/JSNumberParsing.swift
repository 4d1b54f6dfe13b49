import Foundation

/// JavaScript's `parseInt(text)` and `Number(text)` for query parameters, which AIMeter feeds
/// straight into them.
public enum JSNumberParsing {
    /// `parseInt(text)` (radix 10, or 16 after `0x`): the leading integer after optional
    /// whitespace and sign, or nil for JavaScript's `NaN` (`"12abc"` → 12, `"abc"` → nil).
    public static func parseInt(_ text: String?) -> Int? {
        guard let text else { return nil }
        var scalars = Substring(text).drop(while: { isJSWhitespace($0) })
        var negative = false
        if let sign = scalars.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        var radix = 10
        if scalars.lowercased().hasPrefix("0x") {
            radix = 16
            scalars = scalars.dropFirst(2)
        }
        let digits = scalars.prefix(while: { $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true })
        guard !digits.isEmpty else { return nil }
        // Clamp absurd lengths instead of overflowing; no caller needs more than a few digits.
        guard let magnitude = Int(digits.prefix(15), radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `Number(text)`: the whole trimmed string as a number (`""` → 0, `"15abc"` → NaN,
    /// `"0x10"` → 16, `"1e2"` → 100, `"Infinity"`); nil for a missing parameter.
    public static func number(_ text: String?) -> Double? {
        guard let text else { return nil }
        let trimmed = String(Substring(text).drop(while: isJSWhitespace).reversed().drop(while: isJSWhitespace).reversed())
        if trimmed.isEmpty { return 0 }
        let lower = trimmed.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            return Int(lower.dropFirst(2), radix: radix).map(Double.init) ?? .nan
        }
        switch trimmed {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        // Swift's Double(String) also accepts "nan", "inf" and hex floats, which JavaScript does not.
        let allowed = Set("0123456789+-.eE")
        guard trimmed.allSatisfy({ allowed.contains($0) }), let value = Double(trimmed) else { return .nan }
        return value
    }

    private static func isJSWhitespace(_ character: Character) -> Bool {
        character.isWhitespace || character == "\u{FEFF}"
    }
}
