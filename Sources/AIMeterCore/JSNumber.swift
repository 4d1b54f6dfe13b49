import Foundation

/// JavaScript number semantics that AIMeter's output depends on, reproduced exactly.
public enum JSNumber {
    /// `Math.round`: nearest integer, halves toward +∞ (2.5 → 3, −2.5 → −2).
    public static func round(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        let floor = value.rounded(.down)
        // value - floor is exact for doubles, so 0.49999999999999994 stays below one half.
        return value - floor >= 0.5 ? floor + 1 : floor
    }

    /// AIMeter's `roundPercentage`: `Math.round(v * 100) / 100`.
    public static func roundPercentage(_ value: Double) -> Double {
        round(value * 100) / 100
    }

    /// `Number(value.toFixed(digits))` for `digits` in 0...3: rounds the exact binary value,
    /// and exact decimal ties go away from zero (0.125 → 0.13, 1.005 → 1, 2.675 → 2.67).
    public static func toFixedNumber(_ value: Double, digits: Int = 2) -> Double {
        Double(toFixed(value, digits: digits)) ?? value
    }

    /// `value.toFixed(digits)` as a string, e.g. `12.50`, `100.00` (used by the CSV export).
    public static func toFixed(_ value: Double, digits: Int = 2) -> String {
        precondition((0...3).contains(digits), "toFixed supports 0...3 digits")
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        let magnitude = Swift.abs(value)
        let scale = pow(10.0, Double(digits))
        let scaled = magnitude * scale
        var text: String
        if let units = unambiguouslyRounded(scaled) {
            text = formatUnits(units, digits: digits)
        } else if isExactDecimalTie(magnitude, digits: digits) {
            // printf breaks exact ties to even; JavaScript picks the larger candidate.
            let units = scaled.rounded(.down) + 1
            text = formatUnits(units, digits: digits)
        } else {
            text = String(format: "%.\(digits)f", magnitude)
        }
        let isZero = text.utf8.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
        if value < 0 && !isZero { text = "-" + text }
        return text
    }

    /// `scaled` (a magnitude times 10^digits) rounded to the nearest integer, when that cannot
    /// differ from rounding the exact decimal expansion: below 10^9 the product is off by at most
    /// 1.2e-7, so a fraction further than 10^-6 from one half rounds the same either way. Nil near
    /// a tie and for large values, which printf and the tie check decide.
    private static func unambiguouslyRounded(_ scaled: Double) -> Double? {
        guard scaled < 1e9 else { return nil }
        let fraction = scaled - scaled.rounded(.down)
        guard Swift.abs(fraction - 0.5) > 1e-6 else { return nil }
        return scaled.rounded()
    }

    /// Formats a number the way `JSON.stringify` and `String(n)` do: integers without a
    /// decimal point (`225`), other values in the shortest round-trip form (`12.5`, `3.13`).
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == 0 { return "0" }
        if value == value.rounded(), Swift.abs(value) < 1e21 {
            // Exact as an Int64 below 2^63; Foundation's formatter only for the rest (slow).
            if Swift.abs(value) < 9.2e18 { return String(Int64(value)) }
            return String(format: "%.0f", value)
        }
        let swiftText = "\(value)"  // shortest round-trip digits, Swift style exponent ("1e-07")
        guard let exponentIndex = swiftText.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return swiftText }
        let mantissa = swiftText[..<exponentIndex]
        var exponent = Int(swiftText[swiftText.index(after: exponentIndex)...]) ?? 0
        let absValue = Swift.abs(value)
        if absValue >= 1e-6 && absValue < 1e21 {
            // JavaScript prints these without an exponent.
            let digits = mantissa.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
            var result: String
            if exponent < 0 {
                result = "0." + String(repeating: "0", count: -exponent - 1) + digits
            } else {
                let padded = digits + String(repeating: "0", count: Swift.max(0, exponent + 1 - digits.count))
                let intPart = padded.prefix(exponent + 1)
                let fracPart = padded.dropFirst(exponent + 1)
                result = fracPart.isEmpty ? String(intPart) : "\(intPart).\(fracPart)"
            }
            return value < 0 ? "-" + result : result
        }
        let sign = exponent < 0 ? "-" : "+"
        exponent = Swift.abs(exponent)
        var mantissaText = String(mantissa)
        if mantissaText.hasSuffix(".0") { mantissaText.removeLast(2) }
        return "\(mantissaText)e\(sign)\(exponent)"
    }

    /// Formats an optional number, giving `nil` for `nil`.
    public static func format(_ value: Double?) -> String? {
        value.map { format($0) }
    }

    /// Whether `magnitude * 10^digits` lies exactly halfway between two integers.
    private static func isExactDecimalTie(_ magnitude: Double, digits: Int) -> Bool {
        // glibc prints the exact decimal expansion of a double; a tie is a value whose expansion
        // ends with a single 5 right after the kept digits (0.125, 2.5). 2.675 is stored as
        // 2.67499999999999982236431605997495353221893310546875 and is not a tie.
        let expansion = String(format: "%.60f", magnitude)
        guard let dot = expansion.firstIndex(of: ".") else { return false }
        let fraction = Array(expansion[expansion.index(after: dot)...])
        guard fraction.count > digits, fraction[digits] == "5" else { return false }
        return fraction[(digits + 1)...].allSatisfy { $0 == "0" }
    }

    private static func formatUnits(_ units: Double, digits: Int) -> String {
        let integer = units < 9.2e18 ? String(Int64(units)) : String(format: "%.0f", units)
        guard digits > 0 else { return integer }
        let padded = String(repeating: "0", count: Swift.max(0, digits + 1 - integer.count)) + integer
        let split = padded.index(padded.endIndex, offsetBy: -digits)
        return "\(padded[..<split]).\(padded[split...])"
    }
}
