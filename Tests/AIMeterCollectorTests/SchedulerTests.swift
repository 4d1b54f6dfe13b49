import AIMeterCore
import Foundation
import Synchronization
import Testing

@testable import AIMeterCollector

@Suite struct SchedulerTests {
    let start = Date(timeIntervalSince1970: 1_750_000_000)

    func provider(_ id: String, interval: Int, order: Int = 1) -> ProviderConfig {
        ProviderConfig(id: id, type: .demo, refreshIntervalMinutes: interval, displayOrder: order)
    }

    @Test func firstPollsComeRightAfterStartSpreadByJitter() async {
        let scheduler = Scheduler()
        let providers = ["alpha", "beta", "gamma", "delta"].enumerated().map { provider($1, interval: 5, order: $0 + 1) }
        await scheduler.apply(providers: providers, states: [:], now: start)
        var fired: [(String, TimeInterval)] = []
        // Step through the first 31 seconds one tenth of a second at a time.
        for step in 0...310 {
            let now = start.addingTimeInterval(Double(step) / 10)
            for due in await scheduler.takeDue(now: now) { fired.append((due.id, now.timeIntervalSince(start))) }
        }
        #expect(fired.count == 4)
        for (id, offset) in fired {
            let jitter = ScheduleJitter.offset(providerId: id, intervalMinutes: 5)
            #expect(offset >= jitter && offset < jitter + 0.1)
            #expect(offset < 30)
        }
        let expectedOrder = providers.map(\.id).sorted {
            ScheduleJitter.offset(providerId: $0, intervalMinutes: 5) < ScheduleJitter.offset(providerId: $1, intervalMinutes: 5)
        }
        #expect(fired.map(\.0) == expectedOrder)
    }

    @Test func manualOnlyProvidersAreNeverDue() async {
        let scheduler = Scheduler()
        await scheduler.apply(providers: [provider("manual", interval: 0)], states: [:], now: start)
        #expect(await scheduler.takeDue(now: start.addingTimeInterval(86400)).isEmpty)
        #expect(await scheduler.earliestDue == nil)
    }

    @Test func aDispatchedProviderIsNotHandedOutTwice() async {
        let scheduler = Scheduler()
        await scheduler.apply(providers: [provider("a", interval: 1)], states: [:], now: start)
        let later = start.addingTimeInterval(60)
        #expect(await scheduler.takeDue(now: later).map(\.id) == ["a"])
        #expect(await scheduler.takeDue(now: later.addingTimeInterval(600)).isEmpty)
        let outcome = PollOutcome(
            providerId: "a", attemptAt: later, finishedAt: later, result: .failure(PollFailure(.transport("x"))),
            nextDueAt: later.addingTimeInterval(120))
        await scheduler.record(outcome)
        #expect(await scheduler.nextDue(of: "a") == later.addingTimeInterval(120))
        #expect(await scheduler.failingCount == 1)
        #expect(await scheduler.lastRoundAt == later)
    }

    @Test func restartHonoursAStoredBackoff() async {
        let scheduler = Scheduler()
        let backingOff = FetchState(consecutiveFailures: 3, nextDueAt: start.addingTimeInterval(3000))
        let recovered = FetchState(consecutiveFailures: 0, nextDueAt: start.addingTimeInterval(3000))
        await scheduler.apply(
            providers: [provider("failing", interval: 5), provider("healthy", interval: 5)],
            states: ["failing": backingOff, "healthy": recovered], now: start)
        #expect(await scheduler.nextDue(of: "failing") == start.addingTimeInterval(3000))
        #expect(await scheduler.nextDue(of: "healthy")! < start.addingTimeInterval(30))
        #expect(await scheduler.failingCount == 1)
    }

    @Test func reloadAddsRemovesAndReschedulesChangedIntervals() async throws {
        let scheduler = Scheduler()
        await scheduler.apply(providers: [provider("kept", interval: 5), provider("changed", interval: 5), provider("gone", interval: 5)], states: [:], now: start)
        let keptDue = await scheduler.nextDue(of: "kept")
        let later = start.addingTimeInterval(100)
        let states = ["changed": FetchState(lastAttemptAt: start.addingTimeInterval(10))]
        await scheduler.apply(
            providers: [provider("kept", interval: 5), provider("changed", interval: 60), provider("new", interval: 2)],
            states: states, now: later)
        #expect(await scheduler.nextDue(of: "kept") == keptDue)
        #expect(await scheduler.nextDue(of: "changed") == start.addingTimeInterval(10 + 3600))
        #expect(await scheduler.nextDue(of: "gone") == nil)
        let newDue = try #require(await scheduler.nextDue(of: "new"))
        #expect(newDue >= later && newDue < later.addingTimeInterval(12))
        #expect(await scheduler.providers.map(\.id) == ["kept", "changed", "new"])
    }
}

@Suite struct PollLimiterTests {
    @Test func neverRunsMoreThanTheLimit() async {
        let limiter = PollLimiter(limit: 2)
        let peak = PeakCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    _ = await limiter.withPermit {
                        peak.enter()
                        try? await Task.sleep(for: .milliseconds(5))
                        peak.leave()
                    }
                }
            }
        }
        #expect(peak.maximum == 2)
        #expect(limiter.running == 0)
    }

    @Test func cancelledWaiterGivesUpWithoutRunning() async {
        let limiter = PollLimiter(limit: 1)
        let gate = WakeSignal()
        let holder = Task { await limiter.withPermit { await gate.wait() } }
        #expect(await eventually { limiter.running == 1 })
        let waiter = Task { await limiter.withPermit { true } }
        waiter.cancel()
        #expect(await waiter.value == nil)
        gate.signal()
        _ = await holder.value
        #expect(limiter.running == 0)
    }
}

/// Counts concurrent sections and remembers the peak.
final class PeakCounter: Sendable {
    private let state = Mutex((current: 0, maximum: 0))
    func enter() { state.withLock { $0.current += 1; $0.maximum = max($0.maximum, $0.current) } }
    func leave() { state.withLock { $0.current -= 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
}
