import AIMeterCore
import AIMeterStore
import Foundation
import Synchronization

/// A second writer on the database, far faster than any collector: on its own thread it appends
/// one snapshot per provider per round at strictly increasing times and, every few rounds,
/// prunes everything older than ten minutes of its own timeline, until stopped. It pauses a moment
/// between rounds: a writer that never lets go of the lock would starve the collector's own
/// writes, which production (one writer) never sees.
final class SnapshotWriterLoop: Sendable {
    /// What the loop did.
    struct Tally: Sendable {
        var appended = 0
        var pruned = 0
        var errors: [String] = []
    }

    private let database: AppDatabase
    private let providerIds: [String]
    private let state = Mutex((started: false, stopped: false, finished: false, tally: Tally()))

    /// Prepares a loop writing to `providerIds` (which no one else writes).
    init(database: AppDatabase, providerIds: [String]) {
        self.database = database
        self.providerIds = providerIds
    }

    /// Starts the thread.
    func start() {
        state.withLock { $0.started = true }
        Thread { [self] in run() }.start()
    }

    /// Stops the loop, waits for its last transaction and returns the tally.
    func stop() async -> Tally {
        state.withLock { $0.stopped = true }
        while state.withLock({ $0.started && !$0.finished }) { try? await Task.sleep(for: .milliseconds(10)) }
        return state.withLock { $0.tally }
    }

    private func run() {
        // Twelve hours back, thirty seconds per round: the rows stay in the past and in order, and
        // pruning starts after twenty rounds.
        var time = Date().addingTimeInterval(-12 * 3600)
        var round = 0
        while !state.withLock({ $0.stopped }) {
            round += 1
            time.addTimeInterval(30)
            do {
                for (index, id) in providerIds.enumerated() {
                    let used = Double((round * 7 + index * 13) % 100)
                    let items = [
                        ProgressItem(name: "Session", usedPercent: used, remainingPercent: 100 - used, windowMinutes: 300),
                        ProgressItem(name: "Weekly", usedPercent: used / 2, windowMinutes: 10080),
                    ]
                    try database.appendSnapshot(UsageSnapshot(items: items, updatedAt: time), providerId: id, at: time)
                }
                var pruned = 0
                if round % 10 == 0 {
                    pruned = try database.pruneSnapshots(before: time.addingTimeInterval(-600), batchSize: 200)
                }
                state.withLock {
                    $0.tally.appended += providerIds.count
                    $0.tally.pruned += pruned
                }
            } catch {
                state.withLock { $0.tally.errors.append(String(describing: error)) }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        state.withLock { $0.finished = true }
    }
}
