import AIMeterAPI
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HistoryTests {
    static func seeded() throws -> TestEnvironment {
        let env = try TestEnvironment(providers: [SampleData.claude, SampleData.kimi])
        // Three claude polls a minute apart inside one 5-minute bucket, then one 10 minutes later.
        try env.store([ProgressItem(name: "Session", usedPercent: 10), ProgressItem(name: "Weekly", usedPercent: 1)], for: "prov_claude", age: 900)
        try env.store([ProgressItem(name: "Session", usedPercent: 11)], for: "prov_claude", age: 840)
        try env.store(
            [ProgressItem(name: "Weekly", usedPercent: 2.5)], cost: Cost(used: 3, limit: 10), for: "prov_claude", age: 60)
        try env.store([ProgressItem(name: "Primary", usedPercent: 50)], for: "prov_kimi", age: 3 * 86400)
        return env
    }

    @Test func seriesUseTheCompactFormat() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            let cookie = try await client.login(.normal)
            let response = try await client.send(.get, "/api/history?days=1&intervalMinutes=1", cookie: cookie)
            #expect(response.status == .ok)
            let claude = try #require(response.json["data"]?["prov_claude"])
            #expect(claude["k"]?.serialized() == #"["Session","Weekly"]"#)
            let points = try #require(claude["d"]?.arrayValue)
            #expect(points.count == 3)
            #expect(points[0].serialized() == #"{"t":1741823100,"p":[[0,10],[1,1]]}"#)
            #expect(points[2].serialized() == #"{"t":1741823940,"p":[[1,2.5]],"c":[3,10]}"#)
            // kimi has no row in the last day.
            #expect(response.json["data"]?["prov_kimi"] == nil)
        }
    }

    @Test func daysUseParseIntAndBucketsDownsample() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            let cookie = try await client.login(.normal)
            // "4abc" → 4 days: kimi's row is inside; automatic 5-minute buckets keep the later claude poll.
            let data = try await client.send(.get, "/api/history?days=4abc", cookie: cookie).json["data"]
            #expect(data?.objectValue?.keys == ["prov_kimi", "prov_claude"])
            #expect(data?["prov_claude"]?["d"]?.arrayValue?.count == 2)
            // bucketMinutes is the legacy alias; 60-minute buckets merge every claude poll.
            let hourly = try await client.send(.get, "/api/history?days=1&bucketMinutes=60", cookie: cookie).json["data"]
            #expect(hourly?["prov_claude"]?["d"]?.arrayValue?.count == 1)
            // "abc" and 0 mean 30 days.
            let fallback = try await client.send(.get, "/api/history?days=abc", cookie: cookie).json["data"]
            #expect(fallback?["prov_kimi"] != nil)
            // A negative range lies in the future: nothing.
            let negative = try await client.send(.get, "/api/history?days=-1", cookie: cookie)
            #expect(negative.text == #"{"success":true,"data":{}}"#)
        }
    }

    @Test func providerFilterAnswersExactlyThatKey() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            let cookie = try await client.login(.normal)
            let one = try await client.send(.get, "/api/history?provider=prov_claude", cookie: cookie).json["data"]
            #expect(one?.objectValue?.keys == ["prov_claude"])
            let unknown = try await client.send(.get, "/api/history?provider=ghost", cookie: cookie)
            #expect(unknown.text == #"{"success":true,"data":{"ghost":{"k":[],"d":[]}}}"#)
            #expect(try await client.send(.get, "/api/history").status == .unauthorized)
        }
    }
}
