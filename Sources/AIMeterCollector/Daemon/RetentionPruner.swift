import Foundation
import Logging

/// Deletes snapshots older than `collector.retentionDays`, a small batch at a time with a pause
/// in between, so the API's readers and the pollers never wait long for the write lock.
struct RetentionPruner: Sendable {
    /// How often the pruning runs (also once at startup).
    static let period: TimeInterval = 3600

    let store: any CollectorStore
    let logger: Logger
    /// Polls deleted per transaction.
    var batchSize = 500
    /// Pause between batches.
    var pause: Duration = .milliseconds(50)

    /// Prunes everything older than `retentionDays` before `now`; returns the number of polls deleted.
    @discardableResult
    func prune(retentionDays: Int, now: Date) async throws -> Int {
        let cutoff = now.addingTimeInterval(-TimeInterval(retentionDays) * 86400)
        var total = 0
        while true {
            try Task.checkCancellation()
            let deleted = try store.pruneSnapshots(before: cutoff, batchSize: batchSize)
            total += deleted
            if deleted < batchSize { break }
            try await Task.sleep(for: pause)
        }
        if total > 0 {
            logger.info("Pruned old snapshots", metadata: ["prune.polls": "\(total)", "prune.retentionDays": "\(retentionDays)"])
        }
        return total
    }

    /// Prunes now and then every ``period`` until cancelled; `retentionDays` is read each time
    /// so a reload applies.
    func run(retentionDays: @escaping @Sendable () -> Int, clock: any CollectorClock) async {
        while !Task.isCancelled {
            do {
                try await prune(retentionDays: retentionDays(), now: clock.now())
            } catch is CancellationError {
                return
            } catch {
                logger.error("Retention pruning failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(Self.period))
        }
    }
}
