import AIMeterCore
import Foundation

/// The single door every poll goes through, whoever asked for it (scheduler, manual refresh,
/// jobs). It guarantees:
/// - at most one poll per provider at a time: a second request for a provider already being
///   polled joins that poll and gets its outcome (one upstream request, not two);
/// - at most `collector.concurrency` polls across providers at once;
/// - every outcome is reported once to `onOutcome` (the scheduler reschedules from it).
actor PollCoordinator {
    private var inFlight: [String: Task<PollOutcome, Never>] = [:]
    private var runner: PollRunner
    private let limiter: PollLimiter
    private let onOutcome: @Sendable (PollOutcome) async -> Void

    /// Creates a coordinator.
    init(runner: PollRunner, concurrency: Int, onOutcome: @escaping @Sendable (PollOutcome) async -> Void) {
        self.runner = runner
        self.limiter = PollLimiter(limit: concurrency)
        self.onOutcome = onOutcome
    }

    /// Replaces the runner (reload: new request timeout) and the concurrency limit.
    func reconfigure(runner: PollRunner, concurrency: Int) {
        self.runner = runner
        limiter.setLimit(concurrency)
    }

    /// Ids of providers being polled right now.
    var providersInFlight: Set<String> { Set(inFlight.keys) }

    /// Whether `providerId` is being polled right now.
    func isPolling(_ providerId: String) -> Bool { inFlight[providerId] != nil }

    /// Polls `config`, or joins the poll of that provider already in flight.
    func poll(_ config: ProviderConfig) async -> PollOutcome {
        let task: Task<PollOutcome, Never>
        let isJoining = inFlight[config.id] != nil
        if let existing = inFlight[config.id] {
            task = existing
        } else {
            let runner = runner
            let limiter = limiter
            task = Task {
                let outcome = await limiter.withPermit { await runner.poll(config) }
                return outcome ?? PollOutcome(
                    providerId: config.id, attemptAt: runner.clock.now(), finishedAt: runner.clock.now(),
                    result: .failure(.cancelled), nextDueAt: nil
                )
            }
            inFlight[config.id] = task
        }
        let outcome = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            // Only the caller that started the poll may cancel it; a joiner going away must
            // not cut short a poll someone else is waiting for.
            if !isJoining { task.cancel() }
        }
        // Whichever waiter gets back here first retires the poll and reports it, exactly once.
        if inFlight[config.id] == task {
            inFlight[config.id] = nil
            await onOutcome(outcome)
        }
        return outcome
    }

    /// Cancels every poll in flight (shutdown). Writes already started still commit.
    func cancelAll() {
        for task in inFlight.values { task.cancel() }
    }
}
