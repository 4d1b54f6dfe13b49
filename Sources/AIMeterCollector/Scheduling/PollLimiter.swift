import Foundation
import Synchronization

/// Bounds how many polls run at once across all providers (`collector.concurrency`).
/// Waiters are served first in, first out; the limit can change on reload.
final class PollLimiter: Sendable {
    private struct State {
        var limit: Int
        var running = 0
        var queue: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextId: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates a limiter allowing `limit` (at least 1) concurrent holders.
    init(limit: Int) {
        state = Mutex(State(limit: max(1, limit)))
    }

    /// Polls currently holding a permit.
    var running: Int { state.withLock { $0.running } }

    /// Changes the limit; waiters are admitted at once when it grows.
    func setLimit(_ limit: Int) {
        let admitted = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.limit = max(1, limit)
            return Self.admit(&state)
        }
        for continuation in admitted { continuation.resume(returning: true) }
    }

    /// Runs `body` while holding a permit. Returns nil without running it when the task was
    /// cancelled while waiting for a permit.
    func withPermit<T: Sendable>(_ body: () async -> T) async -> T? {
        guard await acquire() else { return nil }
        defer { release() }
        return await body()
    }

    private func acquire() async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextId += 1
            return state.nextId
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let decision = state.withLock { state -> Bool? in
                    if Task.isCancelled { return false }
                    if state.running < state.limit && state.queue.isEmpty {
                        state.running += 1
                        return true
                    }
                    state.queue.append((id, continuation))
                    return nil
                }
                if let decision { continuation.resume(returning: decision) }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return nil }
                return state.queue.remove(at: index).continuation
            }
            cancelled?.resume(returning: false)
        }
    }

    private func release() {
        let admitted = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.running -= 1
            return Self.admit(&state)
        }
        for continuation in admitted { continuation.resume(returning: true) }
    }

    private static func admit(_ state: inout State) -> [CheckedContinuation<Bool, Never>] {
        var admitted: [CheckedContinuation<Bool, Never>] = []
        while state.running < state.limit, !state.queue.isEmpty {
            state.running += 1
            admitted.append(state.queue.removeFirst().continuation)
        }
        return admitted
    }
}
