/// JavaScript string helpers the query parser needs to match AIMeter exactly.
enum JSString {
    /// `String.prototype.trim`: strips ECMAScript WhiteSpace and LineTerminator code points.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[start...last])
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
