import AIMeterControl
import AIMeterCore
import Foundation
import Testing

@testable import AIMeterCollector

/// The `refresh` operation over the real socket, with AIMeter's protection timings driven by a manual clock.
@Suite struct RefreshOperationTests {
    func refresh(_ harness: CollectorHarness, _ ids: [String]? = nil) async throws -> [JSONValue] {
        let params: JSONValue = ids.map { ["providerIds": .array($0.map { .string($0) })] } ?? [:]
        return try #require(try await harness.send(.refresh, params)["results"]?.arrayValue)
    }

    @Test func freshThenCachedForThreeMinutes() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        let server = try harness.startServer()
        defer { server.stop() }
        let first = try await refresh(harness, ["a"])
        #expect(first == [["id": "a", "provider": "demo", "status": "fresh"]])
        // Committed before the reply.
        let taken = try #require(try harness.store.latestSnapshotTime(providerId: "a"))
        harness.clock.advance(by: 179)
        let cached = try await refresh(harness, ["a"])
        #expect(cached == [["id": "a", "provider": "demo", "status": "cached", "fromCache": true, "cachedAt": .number(taken.timeIntervalSince1970)]])
        #expect(harness.adapters.callCount("a") == 1)
        #expect(try harness.store.fetchState(providerId: "a").lastAttemptAt == harness.clock.now())
        harness.clock.advance(by: 1)
        #expect(try await refresh(harness, ["a"]).first?["status"] == "fresh")
        #expect(harness.adapters.callCount("a") == 2)
    }

    @Test func failureWithDataIsStaleThenCoolsDownForSixtySeconds() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", type: .claude)])
        let server = try harness.startServer()
        defer { server.stop() }
        _ = try await refresh(harness, ["a"])
        harness.clock.advance(by: 200)
        harness.adapters.set("a") { _ in throw ProviderError.authRequired("OAuth token expired") }
        let now = Int64(harness.clock.now().timeIntervalSince1970)
        let stale = try await refresh(harness, ["a"])
        #expect(
            stale == [
                [
                    "id": "a", "provider": "claude", "status": "stale", "stale": true, "staleAt": .number(Double(now)),
                    "fetchError": "OAuth token expired", "authRequired": true,
                ]
            ])
        #expect(try harness.store.fetchState(providerId: "a").authRequired)
        harness.clock.advance(by: 59)
        let cooling = try await refresh(harness, ["a"])
        #expect(cooling == [["id": "a", "provider": "claude", "status": "stale", "stale": true, "staleAt": .number(Double(now + 59))]])
        #expect(harness.adapters.callCount("a") == 2)
        harness.clock.advance(by: 1)
        harness.adapters.set("a") { context in ScriptedAdapters.snapshot(used: 5, at: context.now()) }
        #expect(try await refresh(harness, ["a"]).first?["status"] == "fresh")
        #expect(try harness.store.fetchState(providerId: "a").authRequired == false)
    }

    @Test func failureWithoutDataIsFetchErrorThenTemporarilyUnavailable() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", type: .codex)])
        let server = try harness.startServer()
        defer { server.stop() }
        harness.adapters.set("a") { _ in throw ProviderError.upstreamStatus(status: 500, bodyPrefix: "boom") }
        let failed = try await refresh(harness, ["a"])
        #expect(failed == [["id": "a", "provider": "codex", "status": "failed", "code": "FETCH_ERROR", "message": "HTTP 500: boom"]])
        harness.clock.advance(by: 30)
        let cooling = try await refresh(harness, ["a"])
        #expect(
            cooling == [
                [
                    "id": "a", "provider": "codex", "status": "failed", "code": "TEMPORARILY_UNAVAILABLE",
                    "message": "Data temporarily unavailable due to a recent failure",
                ]
            ])
        harness.clock.advance(by: 30)
        harness.adapters.set("a") { _ in throw ProviderError.authRequired("token expired") }
        let auth = try await refresh(harness, ["a"])
        #expect(auth.first?["authRequired"] == true)
        #expect(auth.first?["code"] == "FETCH_ERROR")
        #expect(harness.adapters.callCount("a") == 2)
    }

    @Test func allProvidersInDisplayOrderAndUnknownIdsInRequestOrder() async throws {
        let providers = [CollectorHarness.provider("first", order: 1), CollectorHarness.provider("second", order: 2), CollectorHarness.provider("third", order: 3)]
        let harness = try await CollectorHarness(providers: providers)
        let server = try harness.startServer()
        defer { server.stop() }
        #expect(try await refresh(harness).map { $0["id"] } == ["first", "second", "third"])
        let picked = try await refresh(harness, ["third", "ghost", "first"])
        #expect(picked.map { $0["id"] } == ["third", "ghost", "first"])
        #expect(picked[1] == ["id": "ghost", "status": "failed", "code": "NOT_FOUND", "message": "Provider not found"])
        await #expect(throws: ControlClientError.remote(code: "INVALID_PARAMS", message: "\"providerIds\" must be an array of strings")) {
            _ = try await harness.send(.refresh, ["providerIds": "first"])
        }
    }
}
