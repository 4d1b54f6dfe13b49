import AIMeterCore
import Foundation
import Synchronization
import Testing

@testable import AIMeterCollector

/// The scheduler loop against a manual clock: due times, backoff, Retry-After, reset on success.
@Suite struct SchedulerLoopTests {
    /// Starts the loop and returns it; the caller cancels it.
    func startLoop(_ harness: CollectorHarness, beats: BeatCounter = BeatCounter()) -> Task<Void, Never> {
        Task {
            await harness.runtime.scheduler.run(
                coordinator: harness.runtime.coordinator, clock: harness.clock, heartbeat: { beats.beat() }, maximumSleep: 1e6)
        }
    }

    /// Waits until the loop sleeps and returns its wake-up time relative to `start`.
    func nextWake(_ harness: CollectorHarness, after start: Date) async throws -> TimeInterval {
        #expect(
            await eventually {
                // The loop re-plans after each outcome; until then it sleeps with the far-away maximum.
                let isIdle = await harness.runtime.coordinator.providersInFlight.isEmpty
                let planned = harness.clock.earliestDeadline.map { $0 < harness.clock.now().addingTimeInterval(1e5) } ?? false
                return isIdle && planned && harness.clock.sleeperCount == 1
            })
        let deadline = try #require(harness.clock.earliestDeadline)
        return deadline.timeIntervalSince(start)
    }

    /// Advances to the loop's wake-up time and waits for the poll to finish.
    func fire(_ harness: CollectorHarness, _ id: String, calls: Int) async throws {
        let deadline = try #require(harness.clock.earliestDeadline)
        harness.clock.advance(by: deadline.timeIntervalSince(harness.clock.now()))
        #expect(await eventually { harness.adapters.callCount(id) == calls })
    }

    @Test func pollsFirstAfterTheJitterThenEveryInterval() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", interval: 2)])
        let start = harness.clock.now()
        let beats = BeatCounter()
        let loop = startLoop(harness, beats: beats)
        let jitter = ScheduleJitter.offset(providerId: "a", intervalMinutes: 2)
        #expect(abs(try await nextWake(harness, after: start) - jitter) < 0.001)
        try await fire(harness, "a", calls: 1)
        #expect(abs(try await nextWake(harness, after: start) - (jitter + 120)) < 0.001)
        try await fire(harness, "a", calls: 2)
        #expect(abs(try await nextWake(harness, after: start) - (jitter + 240)) < 0.001)
        #expect(beats.count >= 3)
        loop.cancel()
        await loop.value
    }

    @Test func failuresBackOffRetryAfterIsHonouredAndSuccessResets() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", interval: 1)])
        let start = harness.clock.now()
        harness.adapters.set("a") { _ in throw ProviderError.upstreamStatus(status: 503, bodyPrefix: "") }
        let loop = startLoop(harness)
        let first = try await nextWake(harness, after: start)
        var attempt = first
        for (calls, delay) in [(1, 60.0), (2, 120), (3, 240), (4, 480)] {
            try await fire(harness, "a", calls: calls)
            let wake = try await nextWake(harness, after: start)
            #expect(abs(wake - attempt - delay) < 0.001)
            attempt = wake
        }
        harness.adapters.set("a") { _ in throw ProviderError.rateLimited(retryAfter: 5000, message: "Too many requests") }
        try await fire(harness, "a", calls: 5)
        var wake = try await nextWake(harness, after: start)
        #expect(abs(wake - attempt - 5000) < 0.001)
        attempt = wake
        harness.adapters.set("a") { context in ScriptedAdapters.snapshot(used: 3, at: context.now()) }
        try await fire(harness, "a", calls: 6)
        wake = try await nextWake(harness, after: start)
        #expect(abs(wake - attempt - 60) < 0.001)
        #expect(try harness.store.fetchState(providerId: "a").consecutiveFailures == 0)
        loop.cancel()
        await loop.value
    }

    @Test func manualOnlyProvidersAreNotPolledByTheLoop() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("m", interval: 0)])
        let loop = startLoop(harness)
        #expect(await eventually { harness.clock.sleeperCount == 1 })
        harness.clock.advance(by: 86400)
        try await Task.sleep(for: .milliseconds(50))
        #expect(harness.adapters.callCount("m") == 0)
        loop.cancel()
        await loop.value
    }
}

/// Counts heartbeats.
final class BeatCounter: Sendable {
    private let state = Mutex(0)
    func beat() { state.withLock { $0 += 1 } }
    var count: Int { state.withLock { $0 } }
}
