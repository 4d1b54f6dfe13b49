import Foundation

/// AIMeter's `formatWindowDurationFromMinutes`: 300 → `5 hours`, 10080 → `1 week`, 90 → `1.5 hours`.
public enum WindowDuration {
    private static let units: [(minutes: Double, singular: String, plural: String)] = [
        (43200, "month", "months"),
        (10080, "week", "weeks"),
        (1440, "day", "days"),
        (60, "hour", "hours"),
        (1, "minute", "minutes"),
    ]

    /// The duration text, or `""` when `minutes` is missing, not finite or not positive.
    public static func describe(minutes: Double?) -> String {
        guard let minutes, minutes.isFinite, minutes > 0 else { return "" }
        let rounded = JSNumber.round(minutes)
        let unit = units.first(where: { rounded >= $0.minutes }) ?? units[units.count - 1]
        let value = rounded / unit.minutes
        let nearest = JSNumber.round(value)
        if Swift.abs(value - nearest) <= 0.02 {
            return "\(JSNumber.format(nearest)) \(nearest == 1 ? unit.singular : unit.plural)"
        }
        let digits = value < 2 ? 2 : (value < 10 ? 1 : 0)
        var text = JSNumber.toFixed(value, digits: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return "\(text) \(Double(text) == 1 ? unit.singular : unit.plural)"
    }

    /// `formatWindowDurationFromSeconds`.
    public static func describe(seconds: Double?) -> String {
        describe(minutes: seconds.map { $0 / 60 })
    }

    /// The `ResetWindow` column of the table and Markdown exports: the duration or `-`.
    public static func column(minutes: Double?) -> String {
        let text = describe(minutes: minutes)
        return text.isEmpty ? "-" : text
    }
}
