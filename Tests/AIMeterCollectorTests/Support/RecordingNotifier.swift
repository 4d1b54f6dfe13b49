import Foundation
import Synchronization

@testable import AIMeterCollector

/// Keeps every notification the daemon sends.
final class RecordingNotifier: ServiceNotifier {
    private let sent = Mutex<[String]>([])

    func notify(_ state: String) {
        sent.withLock { $0.append(state) }
    }

    /// Notifications so far.
    var messages: [String] { sent.withLock { $0 } }

    /// The first line (`READY=1`, `RELOADING=1`, ...) of each notification, without `STATUS=`/`WATCHDOG=` ones.
    var lifecycle: [String] {
        messages.compactMap { $0.split(separator: "\n").first.map(String.init) }.filter { !$0.hasPrefix("STATUS=") && $0 != "WATCHDOG=1" }
    }
}
