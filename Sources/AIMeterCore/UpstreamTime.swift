import Foundation

/// Tolerant readers for the timestamps upstream APIs send.
public enum UpstreamTime {
    /// Parses an ISO-8601 date-time the way JavaScript's `new Date(string)` does for the shapes
    /// providers send: any number of fraction digits (kept to milliseconds), `Z` or `±hh:mm`
    /// offsets, a space instead of `T`, and date-only strings (read as UTC midnight).
    public static func parse(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(s.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == char else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offsetSeconds = 0
        var milliseconds = 0.0
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
            components.hour = hour
            components.minute = minute
            if expect(UInt8(ascii: ":")) {
                guard let second = number(2) else { return nil }
                components.second = second
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    var digits = 0
                    var fraction = 0.0
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                        if digits < 3 { fraction += Double(bytes[index] - 48) * scale }
                        scale /= 10
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    milliseconds = (fraction * 1000).rounded()
                }
            }
            if index < bytes.count {
                if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                    index += 1
                    guard let offsetHours = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    let offsetMinutes = number(2) ?? 0
                    offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
                }
            }
        }
        guard index == bytes.count, (1...12).contains(month), (1...31).contains(day),
            (0...24).contains(components.hour ?? 0), (0...59).contains(components.minute ?? 0),
            (0...60).contains(components.second ?? 0)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let base = calendar.date(from: components) else { return nil }
        return base.addingTimeInterval(milliseconds / 1000 - Double(offsetSeconds))
    }

    /// Reads an epoch value that may be seconds or milliseconds: values above `threshold`
    /// (AIMeter uses 1e12) are milliseconds.
    public static func fromEpoch(_ value: Double, millisecondsAbove threshold: Double = 1e12) -> Date {
        value > threshold ? Date(timeIntervalSince1970: value / 1000) : Date(timeIntervalSince1970: value)
    }

    /// Unix seconds of a date, rounded down (how AIMeter stores `resetsAt`).
    public static func unixSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
