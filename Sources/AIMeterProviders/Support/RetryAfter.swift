import Foundation

/// Reads an HTTP `Retry-After` value.
public enum RetryAfter {
    /// Seconds to wait: `delay-seconds` (`"120"`, decimals tolerated) or an HTTP-date
    /// (IMF-fixdate, RFC 850 or asctime) counted from `now` and floored at 0. Nil when the
    /// value is missing or unreadable.
    public static func seconds(from value: String?, now: Date) -> Double? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            return seconds.isFinite && seconds >= 0 ? seconds : nil
        }
        guard let date = httpDate(text) else { return nil }
        return Swift.max(0, date.timeIntervalSince(now).rounded(.up))
    }

    /// Parses the three date formats RFC 9110 §5.6.7 requires recipients to accept.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }
}
