import Foundation
import Testing

@testable import AIMeterCollector

@Suite struct RefreshProtectionTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test func recentSnapshotIsServedFromCache() {
        let taken = now.addingTimeInterval(-179)
        #expect(RefreshProtection.decide(now: now, latestSnapshotAt: taken, lastFailedAt: nil) == .cached(at: taken))
    }

    @Test func snapshotOfExactlyThreeMinutesIsRefetched() {
        let taken = now.addingTimeInterval(-180)
        #expect(RefreshProtection.decide(now: now, latestSnapshotAt: taken, lastFailedAt: nil) == .fetch)
    }

    @Test func cacheWinsOverTheCooldown() {
        let taken = now.addingTimeInterval(-10)
        let failed = now.addingTimeInterval(-5)
        #expect(RefreshProtection.decide(now: now, latestSnapshotAt: taken, lastFailedAt: failed) == .cached(at: taken))
    }

    @Test func failureWithinSixtySecondsCoolsDown() {
        let taken = now.addingTimeInterval(-600)
        #expect(RefreshProtection.decide(now: now, latestSnapshotAt: taken, lastFailedAt: now.addingTimeInterval(-59)) == .coolingDown)
        #expect(RefreshProtection.decide(now: now, latestSnapshotAt: nil, lastFailedAt: now.addingTimeInterval(-1)) == .coolingDown)
        #expect(RefreshProtection.decide(now: now, latestSnapshotAt: nil, lastFailedAt: now.addingTimeInterval(-60)) == .fetch)
    }

    @Test func resultJSONCarriesOnlyTheFlagsThatApply() {
        let cached = RefreshResult(id: "a", provider: .demo, status: .cached(cachedAt: now))
        #expect(cached.json.serialized() == #"{"id":"a","provider":"demo","status":"cached","fromCache":true,"cachedAt":1750000000}"#)
        let stale = RefreshResult(id: "a", provider: .claude, status: .stale(staleAt: now, fetchError: "HTTP 500", authRequired: true))
        #expect(
            stale.json.serialized()
                == #"{"id":"a","provider":"claude","status":"stale","stale":true,"staleAt":1750000000,"fetchError":"HTTP 500","authRequired":true}"#)
        let failed = RefreshResult(id: "zz", provider: nil, status: .failed(code: "NOT_FOUND", message: "Provider not found", authRequired: false))
        #expect(failed.json.serialized() == #"{"id":"zz","status":"failed","code":"NOT_FOUND","message":"Provider not found"}"#)
        #expect(RefreshResult(id: "a", provider: .demo, status: .fresh).json.serialized() == #"{"id":"a","provider":"demo","status":"fresh"}"#)
    }
}

@Suite struct JobsGateTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test func neverAttemptedIsDue() {
        #expect(JobsGate.decide(now: now, lastAttemptAt: nil, refreshIntervalMinutes: 60) == .due)
    }

    @Test func intervalIsFlooredAtFiveMinutesWithTwentySecondsGrace() {
        // 1-minute and manual-only providers count as 5 minutes: due after 280 s.
        for interval in [0, 1, 5] {
            #expect(JobsGate.decide(now: now, lastAttemptAt: now.addingTimeInterval(-279), refreshIntervalMinutes: interval)
                == .notDue(nextDueAt: 1_750_000_021))
            #expect(JobsGate.decide(now: now, lastAttemptAt: now.addingTimeInterval(-280), refreshIntervalMinutes: interval) == .due)
        }
    }

    @Test func longerIntervalsAreUsedAsIs() {
        let last = now.addingTimeInterval(-1000.5)
        #expect(JobsGate.decide(now: now, lastAttemptAt: last, refreshIntervalMinutes: 30) == .notDue(nextDueAt: 1_750_000_799))
        #expect(JobsGate.decide(now: now, lastAttemptAt: now.addingTimeInterval(-1780), refreshIntervalMinutes: 30) == .due)
    }
}
