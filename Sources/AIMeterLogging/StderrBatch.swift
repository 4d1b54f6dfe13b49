import Foundation
import Synchronization

/// Log lines on their way to standard error.
///
/// A quiet line (below `notice`: the API's access log, the collector's per-poll debug lines)
/// waits in memory until ``flushInterval`` has passed or ``maximumPending`` bytes have gathered,
/// then goes out with the others in one `write(2)`: at thousands of requests per second, one
/// system call per line is a tenth of a request's cost. A `notice` or louder line goes out at
/// once, after the waiting ones, so lines never change order. Waiting lines are written when
/// the process exits normally; a crash can lose at most ``flushInterval`` of quiet lines.
final class StderrBatch: Sendable {
    /// The process's batch, on standard error; what waits is written at exit.
    static let shared: StderrBatch = {
        atexit { StderrBatch.shared.flush() }
        return StderrBatch(flushInterval: .milliseconds(100), sink: StandardError.write)
    }()

    /// How many waiting bytes are written at once, whatever the time.
    static let maximumPending = 64 * 1024

    /// How long a quiet line may wait.
    let flushInterval: Duration
    private let sink: @Sendable (String) -> Void

    private struct State {
        var pending = ""
        var flusherStarted = false
    }

    private let state = Mutex(State())

    /// A batch that hands its text to `sink`.
    init(flushInterval: Duration, sink: @escaping @Sendable (String) -> Void) {
        self.flushInterval = flushInterval
        self.sink = sink
    }

    /// Adds `line` (newline included); `urgent` writes it, and everything before it, now.
    func write(_ line: String, urgent: Bool) {
        // Written under the lock: a line is never overtaken by one logged after it.
        let startFlusher = state.withLock { state -> Bool in
            state.pending += line
            if urgent || state.pending.utf8.count >= Self.maximumPending {
                sink(state.pending)
                state.pending = ""
                return false
            }
            guard !state.flusherStarted else { return false }
            state.flusherStarted = true
            return true
        }
        if startFlusher { start() }
    }

    /// Writes the waiting lines now.
    func flush() {
        state.withLock { state in
            guard !state.pending.isEmpty else { return }
            sink(state.pending)
            state.pending = ""
        }
    }

    /// A thread that writes waiting lines every ``flushInterval`` while the batch exists.
    private func start() {
        let interval = flushInterval.components
        let seconds = Double(interval.seconds) + Double(interval.attoseconds) / 1e18
        let thread = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: seconds)
                guard let batch = self else { return }
                batch.flush()
            }
        }
        thread.name = "aimeter.log-flush"
        thread.start()
    }
}
