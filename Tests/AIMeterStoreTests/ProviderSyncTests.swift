import AIMeterCore
import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct ProviderSyncTests {
    @Test func mirrorsConfigWithoutSecrets() throws {
        let fixture = try StoreFixture()
        let config = ProviderConfig(
            id: "zai-main", type: .zai, name: "z.ai", region: "zai_global", refreshIntervalMinutes: 0,
            baseURL: "http://127.0.0.1:9", plan: "Lite", credentials: .apiKey("sk-very-secret"),
            options: ["b": 1, "a": ["x": true]], displayOrder: 2)
        try fixture.database.syncProviders([config], now: .unix(500))
        let stored = try #require(try fixture.database.provider(id: "zai-main"))
        #expect(stored == StoredProvider(
            id: "zai-main", type: .zai, name: "z.ai", region: "zai_global", refreshIntervalMinutes: 0,
            displayOrder: 2, plan: "Lite", options: ["b": 1, "a": ["x": true]], credentialKind: "api_key"))
        let dump = try fixture.database.dbWriter.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM provider").description
        }
        #expect(!dump.contains("sk-very-secret"))
    }

    @Test func listsActiveProvidersInDisplayOrder() throws {
        let fixture = try StoreFixture()
        try fixture.database.syncProviders(
            [StoreFixture.config("b", order: 2), StoreFixture.config("a", order: 1), StoreFixture.config("c", order: 3)],
            now: .unix(100))
        #expect(try fixture.database.providers().map(\.id) == ["a", "b", "c"])
    }

    @Test func removedProvidersBecomeInactiveAndKeepTheirHistory() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        try fixture.append("b", at: 100, [("Session", 1)])
        try fixture.database.syncProviders([StoreFixture.config("a")], now: .unix(200))
        #expect(try fixture.database.providers().map(\.id) == ["a"])
        #expect(try fixture.database.provider(id: "b") == nil)
        #expect(try fixture.database.latestSnapshot(providerId: "b") == nil)
        let polls = try fixture.database.dbWriter.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM poll") }
        #expect(polls == 1)
        // Coming back restores it, history included.
        try fixture.database.syncProviders([StoreFixture.config("a"), StoreFixture.config("b", order: 2)], now: .unix(300))
        #expect(try fixture.database.latestSnapshot(providerId: "b")?.items.map(\.usedPercent) == [1])
    }

    @Test func updatesChangedEntriesOnly() throws {
        let fixture = try StoreFixture()
        try fixture.database.syncProviders([StoreFixture.config("a", name: "First")], now: .unix(100))
        try fixture.database.syncProviders([StoreFixture.config("a", name: "First")], now: .unix(200))
        func updatedAt() throws -> Int64? {
            try fixture.database.dbWriter.read { try Int64.fetchOne($0, sql: "SELECT updatedAt FROM provider") }
        }
        #expect(try updatedAt() == 100)
        try fixture.database.syncProviders([StoreFixture.config("a", name: "Renamed")], now: .unix(300))
        #expect(try updatedAt() == 300)
        #expect(try fixture.database.provider(id: "a")?.name == "Renamed")
    }
}

@Suite struct SettingsAndFetchStateTests {
    @Test func ensureSettingKeepsTheFirstValue() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.database.setting(.sessionSecret) == nil)
        let first = try fixture.database.ensureSetting(.sessionSecret, at: .unix(1)) { "first" }
        var called = false
        let second = try fixture.database.ensureSetting(.sessionSecret, at: .unix(2)) {
            called = true
            return "second"
        }
        #expect(first == "first" && second == "first" && !called)
        #expect(try fixture.database.setting(.sessionSecret) == "first")
    }

    @Test func setSettingReplaces() throws {
        let fixture = try StoreFixture()
        try fixture.database.setSetting(.cronSecret, to: "one", at: .unix(1))
        try fixture.database.setSetting(.cronSecret, to: "two", at: .unix(2))
        #expect(try fixture.database.setting(.cronSecret) == "two")
        #expect(try fixture.database.setting(.endpointSecret) == nil)
    }

    @Test func fetchStateRoundTrips() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        #expect(try fixture.database.fetchState(providerId: "a") == FetchState())
        let state = FetchState(
            lastAttemptAt: .unix(1_700_000_000), lastSuccessAt: .unix(1_699_999_000), lastFailedAt: .unix(1_700_000_001),
            lastFailureReason: "HTTP 429", lastErrorCode: "RATE_LIMITED", authRequired: true, consecutiveFailures: 3,
            nextDueAt: .unix(1_700_000_300))
        try fixture.database.saveFetchState(state, providerId: "a")
        #expect(try fixture.database.fetchState(providerId: "a") == state)
        try fixture.database.saveFetchState(FetchState(lastAttemptAt: .unix(5)), providerId: "a")
        #expect(try fixture.database.fetchState(providerId: "a") == FetchState(lastAttemptAt: .unix(5)))
        #expect(try fixture.database.fetchStates() == ["a": FetchState(lastAttemptAt: .unix(5)), "b": FetchState()])
    }

    @Test func fetchStateFloorsToSeconds() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.database.saveFetchState(FetchState(lastAttemptAt: Date(timeIntervalSince1970: 10.9)), providerId: "a")
        #expect(try fixture.database.fetchState(providerId: "a").lastAttemptAt == .unix(10))
    }

    @Test func fetchStateNeedsASyncedProvider() throws {
        let fixture = try StoreFixture()
        #expect(throws: (any Error).self) { try fixture.database.saveFetchState(FetchState(), providerId: "ghost") }
    }
}
