import Foundation

/// Sends service-manager notifications from its own serial queue, so a manager that stops reading
/// `NOTIFY_SOCKET` never stalls the caller: once the socket's datagram queue is full, `sd_notify`
/// blocks, and the caller is the scheduler loop.
///
/// - Periodic lines (`WATCHDOG=1`, `STATUS=…`) that are still waiting are merged: the newest
///   value of each key is sent once, so a stuck manager costs one queued datagram, not thousands.
/// - Lifecycle messages (`READY=1`, `RELOADING=1`, `STOPPING=1`) are all sent, in order; the
///   caller waits for each up to ``lifecycleWait`` so systemd sees them before what follows
///   (for `STOPPING=1`: the exit), but never longer.
final class NotificationMailbox: @unchecked Sendable {
    /// How long a lifecycle message may hold up its caller.
    static let lifecycleWait: DispatchTimeInterval = .seconds(2)
    private static let periodicKeys: Set<Substring> = ["WATCHDOG", "STATUS"]

    private let queue = DispatchQueue(label: "aimeter.collector.notify")
    private let lock = NSLock()
    private var pendingPeriodic: [(key: Substring, line: Substring)] = []
    private let send: @Sendable (String) -> Void

    /// Creates a mailbox whose queue hands each datagram to `send`.
    init(send: @escaping @Sendable (String) -> Void) {
        self.send = send
    }

    /// Queues `state` (one or more `KEY=value` lines); see the type's description for merging.
    func post(_ state: String) {
        let lines = state.split(separator: "\n")
        let keyed = lines.map { (key: $0.prefix { $0 != "=" }, line: $0) }
        guard keyed.allSatisfy({ Self.periodicKeys.contains($0.key) }) else {
            let sent = DispatchSemaphore(value: 0)
            queue.async {
                self.send(state)
                sent.signal()
            }
            _ = sent.wait(timeout: .now() + Self.lifecycleWait)
            return
        }
        lock.withLock {
            let flushScheduled = !pendingPeriodic.isEmpty
            for entry in keyed {
                if let index = pendingPeriodic.firstIndex(where: { $0.key == entry.key }) {
                    pendingPeriodic[index] = entry
                } else {
                    pendingPeriodic.append(entry)
                }
            }
            if !flushScheduled { queue.async { self.flushPeriodic() } }
        }
    }

    private func flushPeriodic() {
        let lines = lock.withLock {
            defer { pendingPeriodic = [] }
            return pendingPeriodic.map(\.line)
        }
        guard !lines.isEmpty else { return }
        send(lines.joined(separator: "\n"))
    }
}
