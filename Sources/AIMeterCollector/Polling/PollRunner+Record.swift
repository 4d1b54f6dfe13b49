import AIMeterCore
import AIMeterHTTP
import AIMeterStore
import Foundation
import Logging

extension PollRunner {
    /// Writes the poll's result (snapshot, fetch state) and builds the outcome.
    func record(_ result: Result<UsageSnapshot, PollFailure>, config: ProviderConfig, attemptAt: Date, logger: Logger) -> PollOutcome {
        let finishedAt = clock.now()
        switch result {
        case .success(let snapshot):
            do {
                return try recordSuccess(snapshot, config: config, attemptAt: attemptAt, finishedAt: finishedAt, logger: logger)
            } catch {
                logger.error("Cannot store the snapshot", metadata: ["error": "\(error)"])
                return recordFailure(Self.storeFailure(error), config: config, attemptAt: attemptAt, finishedAt: finishedAt, logger: logger)
            }
        case .failure(let failure):
            return recordFailure(failure, config: config, attemptAt: attemptAt, finishedAt: finishedAt, logger: logger)
        }
    }

    private func recordSuccess(
        _ snapshot: UsageSnapshot,
        config: ProviderConfig,
        attemptAt: Date,
        finishedAt: Date,
        logger: Logger
    ) throws -> PollOutcome {
        let isStored = snapshot.isPersistable
        if isStored {
            try store.appendSnapshot(snapshot, providerId: config.id, at: finishedAt)
        }
        let nextDue = backoff.nextDue(after: attemptAt, intervalMinutes: config.refreshIntervalMinutes, consecutiveFailures: 0)
        try store.updateFetchState(providerId: config.id) { state in
            state.lastSuccessAt = finishedAt
            state.lastFailedAt = nil
            state.lastFailureReason = nil
            state.lastErrorCode = nil
            state.authRequired = false
            state.consecutiveFailures = 0
            state.nextDueAt = nextDue
        }
        logger.debug(
            "Poll succeeded",
            metadata: [
                "poll.items": "\(snapshot.items.count)", "poll.stored": "\(isStored)",
                "poll.duration": "\(Self.milliseconds(from: attemptAt, to: finishedAt))ms",
            ]
        )
        return PollOutcome(
            providerId: config.id, attemptAt: attemptAt, finishedAt: finishedAt,
            result: .success(snapshot, isStored: isStored), nextDueAt: nextDue
        )
    }

    private func recordFailure(
        _ failure: PollFailure,
        config: ProviderConfig,
        attemptAt: Date,
        finishedAt: Date,
        logger: Logger
    ) -> PollOutcome {
        var outcome = PollOutcome(
            providerId: config.id, attemptAt: attemptAt, finishedAt: finishedAt, result: .failure(failure), nextDueAt: nil
        )
        // A poll cut short by shutdown says nothing about the provider: no failure, no backoff.
        if failure == .cancelled {
            outcome.nextDueAt = backoff.nextDue(after: attemptAt, intervalMinutes: config.refreshIntervalMinutes, consecutiveFailures: 0)
            return outcome
        }
        let backoff = backoff
        do {
            let state = try store.updateFetchState(providerId: config.id) { state in
                state.lastFailedAt = finishedAt
                state.lastFailureReason = FetchState.truncatedReason(failure.message)
                state.lastErrorCode = failure.code
                state.consecutiveFailures += 1
                // Sticky until the next success: a timeout after a refused token does not mean
                // the token works again.
                state.authRequired = state.authRequired || failure.isAuthRequired
                state.nextDueAt = backoff.nextDue(
                    after: attemptAt, intervalMinutes: config.refreshIntervalMinutes,
                    consecutiveFailures: state.consecutiveFailures, retryAfter: failure.retryAfter
                )
            }
            outcome.nextDueAt = state.nextDueAt
            logger.error(
                "Poll failed",
                metadata: [
                    "error.code": "\(failure.code)", "error.message": "\(failure.message)",
                    "poll.failures": "\(state.consecutiveFailures)",
                ]
            )
        } catch {
            // The database itself is failing; retry after one interval rather than never.
            outcome.nextDueAt = backoff.nextDue(after: attemptAt, intervalMinutes: config.refreshIntervalMinutes, consecutiveFailures: 1)
            logger.error("Cannot record the poll failure", metadata: ["error": "\(error)", "error.code": "\(failure.code)"])
        }
        return outcome
    }

    /// Maps anything an adapter or the runtime threw onto a ``PollFailure``.
    static func failure(for error: any Error) -> PollFailure {
        switch error {
        case let error as ProviderError: PollFailure(error)
        case let error as HTTPClientError: error == .cancelled ? .cancelled : PollFailure(error.providerError)
        case let error as PollFailure: error
        case is CancellationError: .cancelled
        case let error as DecodingError: PollFailure(.decoding(path: Self.codingPath(of: error), message: "\(error)"))
        default: PollFailure(.transport(String(describing: error)))
        }
    }

    static func storeFailure(_ error: any Error) -> PollFailure {
        PollFailure(code: "STORE_ERROR", message: "Database error: \(StoreError.brief(error))")
    }

    private static func codingPath(of error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            path = []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    private static func milliseconds(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) * 1000).rounded())
    }
}
