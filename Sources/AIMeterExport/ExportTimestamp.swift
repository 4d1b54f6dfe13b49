import Foundation

/// Formats unix times as `yyyy-MM-dd HH:mm:ss` in a zone, for the Markdown and table exports.
///
/// Hours use the h23 cycle: midnight is `00:00:00`. AIMeter on Node 20 prints `24:00:00` there
/// (an ICU `hour12:false` artifact); aimeter deliberately does not reproduce that.
public struct ExportTimestamp: Sendable {
    private let calendar: Calendar

    /// A formatter for `timeZone`.
    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `2025-03-13 08:00:00` for 1741824000 in Asia/Shanghai.
    public func string(unixSeconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(unixSeconds))
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    private func two(_ value: Int?) -> String {
        let number = value ?? 0
        return number < 10 ? "0\(number)" : "\(number)"
    }
}
