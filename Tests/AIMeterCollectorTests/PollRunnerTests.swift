import AIMeterCore
import AIMeterHTTP
import Foundation
import Testing

@testable import AIMeterCollector

@Suite struct PollRunnerTests {
    @Test func successAppendsTheSnapshotAndResetsTheState() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", interval: 5)])
        try harness.store.updateFetchState(providerId: "a") {
            $0.consecutiveFailures = 3
            $0.lastFailedAt = Date(timeIntervalSince1970: 1)
            $0.lastFailureReason = "old"
            $0.authRequired = true
        }
        let start = harness.clock.now()
        let outcome = try await harness.poll("a")
        #expect(outcome.snapshot != nil)
        #expect(outcome.nextDueAt == start.addingTimeInterval(300))
        let state = try harness.store.fetchState(providerId: "a")
        #expect(state == FetchState(lastAttemptAt: start, lastSuccessAt: start, authRequired: false, consecutiveFailures: 0, nextDueAt: start.addingTimeInterval(300)))
        let stored = try #require(try harness.store.database.latestSnapshot(providerId: "a"))
        #expect(stored.items.map(\.name) == ["Session"])
        #expect(stored.createdAt == start)
    }

    @Test func failureRecordsReasonCodeAndBackoff() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", interval: 5)])
        let long = String(repeating: "x", count: 500)
        harness.adapters.set("a") { _ in throw ProviderError.upstreamError(long) }
        let start = harness.clock.now()
        _ = try await harness.poll("a")
        _ = try await harness.poll("a")
        let outcome = try await harness.poll("a")
        #expect(outcome.failure?.code == "UPSTREAM_ERROR")
        let state = try harness.store.fetchState(providerId: "a")
        #expect(state.consecutiveFailures == 3)
        #expect(state.lastFailureReason?.count == 200)
        #expect(state.lastErrorCode == "UPSTREAM_ERROR")
        #expect(state.lastFailedAt == start)
        #expect(state.lastSuccessAt == nil)
        #expect(state.nextDueAt == start.addingTimeInterval(1200))
        #expect(try harness.store.latestSnapshotTime(providerId: "a") == nil)
    }

    @Test func authFailureSetsAuthRequiredUntilASuccess() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        harness.adapters.set("a") { _ in throw ProviderError.authRequired("OAuth token expired") }
        _ = try await harness.poll("a")
        #expect(try harness.store.fetchState(providerId: "a").authRequired)
        harness.adapters.set("a") { _ in throw ProviderError.timeout(seconds: 12) }
        _ = try await harness.poll("a")
        #expect(try harness.store.fetchState(providerId: "a").authRequired)
        harness.adapters.set("a") { context in ScriptedAdapters.snapshot(used: 1, at: context.now()) }
        _ = try await harness.poll("a")
        #expect(try harness.store.fetchState(providerId: "a").authRequired == false)
    }

    @Test func rateLimitHonoursRetryAfter() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", interval: 1)])
        harness.adapters.set("a") { _ in throw ProviderError.rateLimited(retryAfter: 3600, message: "slow down") }
        let start = harness.clock.now()
        let outcome = try await harness.poll("a")
        #expect(outcome.nextDueAt == start.addingTimeInterval(3600))
        #expect(try harness.store.fetchState(providerId: "a").lastErrorCode == "RATE_LIMITED")
    }

    @Test func emptySnapshotsAreNotStoredButCostOnlyOnesAre() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("empty"), CollectorHarness.provider("balance", order: 2)])
        harness.adapters.set("empty") { context in UsageSnapshot(items: [], updatedAt: context.now()) }
        harness.adapters.set("balance") { context in
            UsageSnapshot(items: [], cost: Cost(used: nil, limit: nil, remaining: 12.5, currency: "CNY"), updatedAt: context.now())
        }
        let empty = try await harness.poll("empty")
        let balance = try await harness.poll("balance")
        #expect(empty.result == .success(UsageSnapshot(items: [], updatedAt: harness.clock.now()), isStored: false))
        #expect(try harness.store.latestSnapshotTime(providerId: "empty") == nil)
        #expect(try harness.store.fetchState(providerId: "empty").lastSuccessAt != nil)
        #expect(balance.snapshot?.cost?.remaining == 12.5)
        #expect(try harness.store.database.latestSnapshot(providerId: "balance")?.cost?.remaining == 12.5)
    }

    @Test func foreignErrorsAreMappedToProviderErrorCodes() async throws {
        struct Odd: Error {}
        let cases: [(any Error & Sendable, String)] = [
            (HTTPClientError.timeout(seconds: 12), "TIMEOUT"),
            (HTTPClientError.transport("connection refused"), "TRANSPORT_ERROR"),
            (DecodingError.keyNotFound(AnyKey("limits"), .init(codingPath: [AnyKey("data")], debugDescription: "missing")), "DECODING_ERROR"),
            (Odd(), "TRANSPORT_ERROR"),
        ]
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        for (error, code) in cases {
            harness.adapters.set("a") { _ in throw error }
            let outcome = try await harness.poll("a")
            #expect(outcome.failure?.code == code)
        }
        #expect(PollRunner.failure(for: DecodingError.keyNotFound(AnyKey("x"), .init(codingPath: [AnyKey("data"), AnyKey(0)], debugDescription: ""))).message.contains("data[0]"))
    }

    @Test func aPollThatOutlivesItsDeadlineTimesOut() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("slow")])
        harness.adapters.set("slow") { context in
            try await Task.sleep(for: .seconds(30))
            return ScriptedAdapters.snapshot(used: 1, at: context.now())
        }
        let runner = PollRunner(
            store: harness.store, http: CurlHTTPClient(), clock: harness.clock, adapters: harness.adapters.lookup,
            pollDeadline: 0.2, logger: CollectorHarness.logger)
        let outcome = await runner.poll(try #require(harness.runtime.config.provider(id: "slow")))
        #expect(outcome.failure?.code == "TIMEOUT")
        #expect(try harness.store.fetchState(providerId: "slow").consecutiveFailures == 1)
    }

    @Test func unknownAdapterIsAConfigurationFailure() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        let runner = PollRunner(
            store: harness.store, http: CurlHTTPClient(), clock: harness.clock, adapters: { _ in nil },
            pollDeadline: 5, logger: CollectorHarness.logger)
        let outcome = await runner.poll(try #require(harness.runtime.config.provider(id: "a")))
        #expect(outcome.failure?.code == "CONFIGURATION_ERROR")
    }
}

/// A coding key for building decoding errors.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(_ int: Int) {
        stringValue = "\(int)"
        intValue = int
    }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(intValue) }
}
