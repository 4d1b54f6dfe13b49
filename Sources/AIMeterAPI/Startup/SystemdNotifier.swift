import CSystemd
import Foundation

/// `sd_notify` for `Type=notify` units; does nothing when `NOTIFY_SOCKET` is not set.
public enum SystemdNotifier {
    /// Sends `state` (e.g. `READY=1\nSTATUS=...`); returns whether a manager received it.
    @discardableResult
    public static func notify(_ state: String) -> Bool {
        guard ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] != nil else { return false }
        return sd_notify(0, state) > 0
    }
}
