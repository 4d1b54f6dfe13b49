import CSystemd
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the daemon reports its state (systemd's `sd_notify` protocol). Tests use a recorder.
public protocol ServiceNotifier: Sendable {
    /// Sends one notification (one or more `KEY=value` lines).
    func notify(_ state: String)
}

/// Notifies systemd through libsystemd's `sd_notify` (a no-op when `NOTIFY_SOCKET` is unset),
/// from a ``NotificationMailbox`` so a manager that stops reading never blocks the collector.
public struct SystemdNotifier: ServiceNotifier {
    private let mailbox = NotificationMailbox { _ = sd_notify(0, $0) }

    /// Creates the notifier.
    public init() {}

    /// Queues `state` for `$NOTIFY_SOCKET`.
    public func notify(_ state: String) {
        mailbox.post(state)
    }

    /// The watchdog interval systemd expects pings within (`WATCHDOG_USEC`), or nil when the
    /// watchdog is off or meant for another process (`WATCHDOG_PID`).
    public static func watchdogInterval() -> TimeInterval? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return TimeInterval(microseconds) / 1_000_000
    }

    /// `CLOCK_MONOTONIC` in microseconds, for `MONOTONIC_USEC=` with `RELOADING=1`.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}

/// The notifications the collector sends, in one place.
enum SystemdMessage {
    static func ready(status: String) -> String { "READY=1\nSTATUS=\(status)" }
    static func reloading(monotonicMicroseconds: UInt64) -> String {
        "RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds)\nSTATUS=Reloading configuration"
    }
    static let stopping = "STOPPING=1\nSTATUS=Stopping"
    static let watchdog = "WATCHDOG=1"
    static func status(_ line: String) -> String { "STATUS=\(line)" }
}
