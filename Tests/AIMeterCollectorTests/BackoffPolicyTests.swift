import Foundation
import Testing

@testable import AIMeterCollector

@Suite struct BackoffPolicyTests {
    let policy = BackoffPolicy()

    @Test func successWaitsOneInterval() {
        #expect(policy.delay(intervalMinutes: 5, consecutiveFailures: 0) == 300)
    }

    @Test func failuresDoubleTheIntervalUpToSixHours() {
        let delays = (1...12).map { policy.delay(intervalMinutes: 5, consecutiveFailures: $0) }
        #expect(Array(delays.prefix(8)) == [300, 600, 1200, 2400, 4800, 9600, 19200, 21600])
        #expect(delays.suffix(4).allSatisfy { $0 == 6 * 3600 })
    }

    @Test func neverSoonerThanTheIntervalEvenAboveTheCap() {
        #expect(policy.delay(intervalMinutes: 600, consecutiveFailures: 5) == 36000)
    }

    @Test func retryAfterWinsWhenLongerThanTheBackoff() {
        #expect(policy.delay(intervalMinutes: 5, consecutiveFailures: 1, retryAfter: 900) == 900)
        #expect(policy.delay(intervalMinutes: 5, consecutiveFailures: 3, retryAfter: 60) == 1200)
    }

    @Test func absurdRetryAfterIsClamped() {
        #expect(policy.delay(intervalMinutes: 5, consecutiveFailures: 1, retryAfter: 1e12) == 24 * 3600)
        #expect(policy.delay(intervalMinutes: 5, consecutiveFailures: 1, retryAfter: .infinity) == 300)
    }

    @Test func hugeFailureCountsDoNotOverflow() {
        #expect(policy.delay(intervalMinutes: 1, consecutiveFailures: 10_000) == 6 * 3600)
    }

    @Test func manualOnlyProvidersHaveNoNextDue() {
        let start = Date(timeIntervalSince1970: 1000)
        #expect(policy.nextDue(after: start, intervalMinutes: 0, consecutiveFailures: 2) == nil)
        #expect(policy.nextDue(after: start, intervalMinutes: 2, consecutiveFailures: 2) == Date(timeIntervalSince1970: 1240))
    }
}

@Suite struct ScheduleJitterTests {
    @Test func offsetStaysWithinTenPercentAndFiveSeconds() {
        for index in 0..<500 {
            let id = "provider-\(index)"
            let short = ScheduleJitter.offset(providerId: id, intervalMinutes: 1)
            let long = ScheduleJitter.offset(providerId: id, intervalMinutes: 120)
            #expect(short >= 0 && short < 5)
            #expect(long >= 0 && long < 5)
        }
    }

    @Test func offsetIsDeterministicAndSpreadsProviders() {
        let first = ScheduleJitter.offset(providerId: "alpha", intervalMinutes: 5)
        #expect(first == ScheduleJitter.offset(providerId: "alpha", intervalMinutes: 5))
        let offsets = Set((0..<50).map { ScheduleJitter.offset(providerId: "p\($0)", intervalMinutes: 5) })
        #expect(offsets.count > 40)
    }

    @Test func manualOnlyProvidersGetNoJitter() {
        #expect(ScheduleJitter.bound(intervalMinutes: 0) == 0)
        #expect(ScheduleJitter.offset(providerId: "x", intervalMinutes: 0) == 0)
    }
}
