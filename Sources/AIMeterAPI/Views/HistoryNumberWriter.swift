import AIMeterCore

/// Writes numbers exactly as ``JSNumber/format(_:)`` does (`JSON.stringify`), without its
/// string building for the two shapes a history is made of: integers (times, indexes) and
/// values with at most two decimals (stored percentages, costs). Anything else goes through
/// ``JSNumber/format(_:)``. Non-finite values are written as `null`, as `JSON.stringify` does.
enum HistoryNumberWriter {
    /// The most bytes ``append(_:to:)`` writes (`JSNumber.format` of any double is shorter).
    /// The cursor may store a few bytes past what it keeps, never past this length.
    static let maximumLength = 32

    /// Below 2^53 every integer is a double and JavaScript prints its digits.
    private static let exactIntegerLimit: UInt64 = 9_007_199_254_740_992

    /// Appends the JSON text of `value` as a JavaScript number (exact below 2^53).
    @inline(__always)
    static func append(_ value: Int64, to cursor: inout ByteCursor) {
        if UInt64(bitPattern: value) < 100 {
            cursor.appendBelowHundred(Int(value))
        } else if value.magnitude < exactIntegerLimit {
            cursor.appendInteger(value)
        } else {
            appendRare(Double(value), to: &cursor)
        }
    }

    /// Appends `value`'s JSON text.
    @inline(__always)
    static func append(_ value: Double, to cursor: inout ByteCursor) {
        // When value is the double nearest to n/100, that decimal is its shortest round-trip
        // form: below 1e13 doubles are closer than 0.005 apart, so no decimal with fewer digits
        // maps to the same double. Integers are the case n % 100 == 0; -0 gives n = 0 and is
        // written 0, as JavaScript does. NaN and infinities fail the test.
        let hundredths = (value * 100).rounded(.toNearestOrEven)
        guard hundredths.magnitude < 1e15, hundredths / 100 == value else {
            return appendRare(value, to: &cursor)
        }
        let units = Int64(hundredths)
        if units < 0 { cursor.append(UInt8(ascii: "-")) }
        let whole = units.magnitude / 100
        if whole < 100 {
            cursor.appendBelowHundred(Int(whole))
        } else {
            cursor.appendInteger(Int64(whole))
        }
        cursor.appendHundredthsFraction(Int(units.magnitude % 100))
    }

    /// Non-finite values, integers of 1e13 and more, and values that are not whole hundredths.
    private static func appendRare(_ value: Double, to cursor: inout ByteCursor) {
        guard value.isFinite else {
            cursor.append("null")
            return
        }
        if value.rounded(.towardZero) == value, value.magnitude < Double(exactIntegerLimit) {
            cursor.appendInteger(Int64(value))
            return
        }
        cursor.appendUTF8(JSNumber.format(value))
    }
}
