import AIMeterCore
import Foundation

/// One OpenCode usage window: percent used and seconds until it resets.
struct OpenCodeWindow: Sendable, Equatable {
    /// Percent used, 0...100.
    var usedPercent: Double
    /// Whole seconds until the reset, never negative.
    var resetInSeconds: Double
}

/// The windows of OpenCode's Go plan.
struct OpenCodeUsage: Sendable, Equatable {
    /// The 5-hour rolling window.
    var rolling: OpenCodeWindow
    /// The weekly window.
    var weekly: OpenCodeWindow
    /// The monthly window, when the payload has one.
    var monthly: OpenCodeWindow?

    /// The normalized items: `Session` (5 hours), `Weekly` (1 week) and `Monthly` (30 days),
    /// resets counted from `now`.
    func items(now: Date) -> [ProgressItem] {
        var items = [
            Self.item("Session", rolling, windowMinutes: 300, now: now),
            Self.item("Weekly", weekly, windowMinutes: 10080, now: now),
        ]
        if let monthly { items.append(Self.item("Monthly", monthly, windowMinutes: 43200, now: now)) }
        return items
    }

    private static func item(_ name: String, _ window: OpenCodeWindow, windowMinutes: Double, now: Date) -> ProgressItem {
        ProgressItem(
            name: name,
            usedPercent: JSNumber.roundPercentage(window.usedPercent),
            remainingPercent: JSNumber.roundPercentage(max(0, 100 - window.usedPercent)),
            windowMinutes: windowMinutes,
            resetsAt: UpstreamTime.unixSeconds(now.addingTimeInterval(window.resetInSeconds))
        )
    }
}
