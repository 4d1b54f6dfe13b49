/// JavaScript string helpers for matching AIMeter (Node) exactly.
public enum JSString {
    /// `String.prototype.trim`: strips ECMAScript WhiteSpace and LineTerminator code points.
    /// A string with nothing to strip is returned as it is, without a copy.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isTrimmed(first), !isTrimmed(last) { return text }
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        guard let end = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[start...end])
    }

    /// The trimmed text, or nil when nothing is left (an absent or blank setting).
    public static func nonBlank(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = trim(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }
}
