import Foundation

/// Conversions between `Date` and the unix seconds stored in the database.
enum UnixTime {
    /// Whole seconds since 1970, rounded down; non-finite or absurd dates are clamped.
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite else { return 0 }
        // ±2^53 s is far beyond any real date and keeps the conversion exact and trap-free.
        return Int64(min(max(value, -9_007_199_254_740_992), 9_007_199_254_740_992))
    }

    /// The date at `seconds` since 1970.
    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `seconds` for an optional date.
    static func seconds(_ date: Date?) -> Int64? {
        date.map { seconds($0) }
    }

    /// The date for optional seconds.
    static func date(_ seconds: Int64?) -> Date? {
        seconds.map { date($0) }
    }
}

extension Double {
    /// The value when it is finite; JSON and the API have no NaN or infinity.
    var finiteOrNil: Double? { isFinite ? self : nil }
}

extension Optional where Wrapped == Double {
    /// The value when present and finite.
    var finiteOrNil: Double? { flatMap(\.finiteOrNil) }
}
