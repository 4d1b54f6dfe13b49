/// Orders model names the way JavaScript's `String.prototype.localeCompare` does with ICU's root
/// collation, for the characters model names use: punctuation before digits before letters,
/// letters compared without case first, and a lowercase letter before its uppercase form only
/// when the names are otherwise equal (`_x < a < b < B < Z`).
public enum ModelNameCollation {
    /// Whether `lhs` sorts before `rhs`.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Negative, zero or positive like `localeCompare`.
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        // Primary level: character identity without case.
        for (a, b) in zip(left, right) where primaryWeight(a) != primaryWeight(b) {
            return primaryWeight(a) < primaryWeight(b) ? -1 : 1
        }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        // Tertiary level: lowercase before uppercase at the first difference.
        for (a, b) in zip(left, right) where isUpper(a) != isUpper(b) {
            return isUpper(a) ? 1 : -1
        }
        return 0
    }

    /// ICU root order of the ASCII punctuation and symbols.
    private static let punctuationOrder: [Unicode.Scalar] = Array(" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    private static func primaryWeight(_ scalar: Unicode.Scalar) -> UInt32 {
        if let index = punctuationOrder.firstIndex(of: scalar) { return UInt32(index) }
        switch scalar.value {
        case 0x30...0x39: return 100 + scalar.value - 0x30
        case 0x41...0x5A: return 200 + scalar.value - 0x41
        case 0x61...0x7A: return 200 + scalar.value - 0x61
        default: return 1000 + scalar.value
        }
    }

    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value)
    }
}
