import AIMeterCore
import Foundation
import Testing

@testable import AIMeterCollector

@Suite struct RetentionPrunerTests {
    @Test func deletesOnlyRowsPastRetentionInSmallBatches() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        let now = harness.clock.now()
        let day: TimeInterval = 86400
        for index in 0..<7 {
            let old = now.addingTimeInterval(-40 * day - Double(index) * 60)
            try harness.store.appendSnapshot(ScriptedAdapters.snapshot(used: 1, at: old), providerId: "a", at: old)
        }
        let recent = now.addingTimeInterval(-29 * day)
        try harness.store.appendSnapshot(ScriptedAdapters.snapshot(used: 2, at: recent), providerId: "a", at: recent)
        let pruner = RetentionPruner(store: harness.store, logger: CollectorHarness.logger, batchSize: 3, pause: .milliseconds(1))
        #expect(try await pruner.prune(retentionDays: 30, now: now) == 7)
        #expect(try harness.store.latestSnapshotTime(providerId: "a") == recent)
        #expect(try harness.store.database.snapshots(providerId: "a", since: now.addingTimeInterval(-400 * day)).count == 1)
        #expect(try await pruner.prune(retentionDays: 30, now: now) == 0)
    }
}
