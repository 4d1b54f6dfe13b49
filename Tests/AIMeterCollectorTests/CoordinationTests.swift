import AIMeterCore
import AIMeterHTTP
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterCollector

/// No overlapping polls of one provider, bounded concurrency, and a slow provider that never
/// holds up the others.
@Suite struct CoordinationTests {
    @Test func manualRefreshJoinsTheScheduledPollInFlight() async throws {
        let upstream = try await MockUpstream.start()
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("slow")])
        upstream.route("GET", "/usage", MockResponse.json(#"{"used":37}"#).delayed(by: .milliseconds(600)))
        let url = upstream.baseURL + "/usage"
        harness.adapters.set("slow") { context in
            let response = try await context.http.send(HTTPRequest(url: url))
            let used = try JSONValue.parse(response.body)["used"]?.doubleValue ?? 0
            return ScriptedAdapters.snapshot(used: used, at: context.now())
        }
        let server = try harness.startServer()
        defer { server.stop() }
        let scheduled = Task { try await harness.poll("slow") }
        #expect(await eventually { upstream.requests(to: "/usage").count == 1 })
        let manual = try await harness.send(.refresh, ["providerIds": ["slow"]])
        let outcome = try await scheduled.value
        #expect(manual["results"]?[0]?["status"] == "fresh")
        #expect(outcome.snapshot?.items.first?.usedPercent == 37)
        #expect(upstream.requests(to: "/usage").count == 1)
        #expect(harness.adapters.callCount("slow") == 1)
        await upstream.stop()
    }

    @Test func concurrencyIsBoundedAcrossProviders() async throws {
        let ids = (1...6).map { "p\($0)" }
        let harness = try await CollectorHarness(providers: ids.enumerated().map { CollectorHarness.provider($1, order: $0 + 1) }, concurrency: 2)
        let gate = Gate()
        for id in ids {
            harness.adapters.set(id) { context in
                await gate.pass()
                return ScriptedAdapters.snapshot(used: 1, at: context.now())
            }
        }
        let all = Task { await harness.runtime.refresh(nil) }
        #expect(await eventually { gate.entries == 2 })
        try await Task.sleep(for: .milliseconds(100))
        #expect(gate.entries == 2)
        gate.open()
        let results = await all.value
        #expect(results.map(\.status) == Array(repeating: .fresh, count: 6))
        #expect(gate.entries == 6)
    }

    @Test func aSlowProviderDoesNotDelayAnother() async throws {
        let harness = try await CollectorHarness(providers: [
            CollectorHarness.provider("slow", interval: 1, order: 1), CollectorHarness.provider("fast", interval: 1, order: 2),
        ])
        let gate = Gate()
        harness.adapters.set("slow") { context in
            await gate.pass()
            return ScriptedAdapters.snapshot(used: 1, at: context.now())
        }
        let loop = Task {
            await harness.runtime.scheduler.run(
                coordinator: harness.runtime.coordinator, clock: harness.clock, heartbeat: {}, maximumSleep: 1e6)
        }
        harness.clock.advance(by: 10)
        #expect(await eventually { gate.entries == 1 && harness.adapters.callCount("fast") == 1 })
        for round in 2...4 {
            #expect(await eventually { harness.clock.sleeperCount == 1 })
            harness.clock.advance(by: 60)
            #expect(await eventually { harness.adapters.callCount("fast") == round })
        }
        #expect(gate.entries == 1)
        #expect(try harness.store.fetchState(providerId: "fast").lastSuccessAt != nil)
        gate.open()
        #expect(try await eventually { try harness.store.latestSnapshotTime(providerId: "slow") != nil })
        loop.cancel()
        await loop.value
    }
}
