/// Terminal display width as AIMeter's table and Markdown exports measure it, code point by code point.
public enum DisplayWidth {
    /// Columns taken by `text`: the sum of ``of(scalar:)`` over its code points.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of(scalar: $1) }
    }

    /// Columns taken by one code point: 0 for NUL, C0/C1 controls, U+200D, variation selectors
    /// U+FE00–FE0F and marks; 2 for `Extended_Pictographic` and the East Asian wide ranges; else 1.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value <= 0x1F || (0x7F...0x9F).contains(value) { return 0 }
        if value == 0x200D || (0xFE00...0xFE0F).contains(value) { return 0 }
        if isMark(scalar) { return 0 }
        if ExtendedPictographic.contains(value) { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// AIMeter's `fitCell`: pads `text` with spaces to `width` columns, or cuts it to `width - 3`
    /// columns plus `...` (padding again when a wide character left a gap). Widths of 3 or less
    /// that need cutting become that many dots.
    public static func fit(_ text: String, width: Int) -> String {
        let current = of(text)
        if current <= width { return text + String(repeating: " ", count: width - current) }
        if width <= 3 { return String(repeating: ".", count: Swift.max(0, width)) }
        let budget = width - 3
        var used = 0
        var output = ""
        for scalar in text.unicodeScalars {
            let columns = of(scalar: scalar)
            // Stop at the first code point that does not fit; later zero-width ones are dropped too.
            if used + columns > budget { break }
            output.unicodeScalars.append(scalar)
            used += columns
        }
        output += "..."
        return output + String(repeating: " ", count: Swift.max(0, width - of(output)))
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x2329, 0x232A...0x232A, 0x2E80...0xA4CF, 0xA960...0xA97C, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1B000...0x1B001,
        0x1F200...0x1F251, 0x20000...0x3FFFD,
    ]
}
