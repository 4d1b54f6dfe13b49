import AIMeterCore

/// Writes numbers exactly as ``JSNumber/format(_:)`` does (`JSON.stringify`), without its
/// string building for the two shapes a history is made of: integers (times, indexes) and
/// values with at most two decimals (stored percentages, costs). Anything else goes through
/// ``JSNumber/format(_:)``. Non-finite values are written as `null`, as `JSON.stringify` does.
enum HistoryNumberWriter {
    /// The most bytes ``append(_:to:)`` writes (`JSNumber.format` of any double is shorter).
    static let maximumLength = 32

    /// Appends the JSON text of `value` as a JavaScript number (exact below 2^53).
    static func append(_ value: Int64, to cursor: inout HistoryByteCursor) {
        if value.magnitude < 9_007_199_254_740_992 {
            cursor.appendInteger(value)
        } else {
            append(Double(value), to: &cursor)
        }
    }

    /// Appends `value`'s JSON text.
    static func append(_ value: Double, to cursor: inout HistoryByteCursor) {
        guard value.isFinite else {
            cursor.append("null")
            return
        }
        // Below 2^53 every integer is exact and JavaScript prints its digits (and -0 as 0).
        if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992 {
            cursor.appendInteger(Int64(value))
            return
        }
        // When value is the double nearest to n/100, that decimal is its shortest round-trip
        // form: below 1e13 doubles are closer than 0.005 apart, so no decimal with fewer digits
        // maps to the same double.
        let hundredths = (value * 100).rounded(.toNearestOrEven)
        if abs(hundredths) < 1e15, hundredths / 100 == value {
            let units = Int64(hundredths)
            if units < 0 { cursor.append(UInt8(ascii: "-")) }
            let magnitude = units.magnitude
            cursor.appendInteger(Int64(magnitude / 100))
            let fraction = UInt8(magnitude % 100)
            cursor.append(UInt8(ascii: "."))
            cursor.append(UInt8(ascii: "0") + fraction / 10)
            if fraction % 10 != 0 { cursor.append(UInt8(ascii: "0") + fraction % 10) }
            return
        }
        cursor.appendUTF8(JSNumber.format(value))
    }
}
