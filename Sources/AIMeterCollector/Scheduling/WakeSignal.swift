import Foundation
import Synchronization

/// A one-bit doorbell between tasks: ``signal()`` wakes the task suspended in ``wait()``, or, when
/// nobody waits, makes the next ``wait()`` return at once. Waiting is cancellable.
final class WakeSignal: Sendable {
    private struct State {
        var isPending = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterId: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Wakes every waiter, or leaves the signal pending for the next one.
    func signal() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.waiters.isEmpty {
                state.isPending = true
                return []
            }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when signalled (or at once if a signal is pending), or when the task is cancelled.
    func wait() async {
        let waiterId = state.withLock { state -> UInt64 in
            state.nextWaiterId += 1
            return state.nextWaiterId
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.isPending {
                        state.isPending = false
                        return true
                    }
                    // Checked under the lock: a cancellation that ran before we registered is seen here.
                    if Task.isCancelled { return true }
                    state.waiters[waiterId] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: waiterId) }?.resume()
        }
    }
}
