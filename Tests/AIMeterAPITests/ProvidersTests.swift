import AIMeterAPI
import AIMeterControl
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ProvidersTests {
    @Test func listShowsProviderViewsAndNeverCredentials() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            #expect(try await client.send(.get, "/api/providers").status == .unauthorized)
            let normal = try await client.login(.normal)
            let asNormal = try await client.send(.get, "/api/providers", cookie: normal)
            let first = asNormal.json["data"]?[0]
            #expect(
                first?.serialized()
                    == #"{"id":"prov_claude","provider":"claude","name":"My Claude","refreshInterval":5,"displayOrder":1,"claudeAuthMode":"oauth","plan":"Max","defaultProgressItem":null,"attrs":{"refreshInterval":5,"displayOrder":1,"plan":"Max"}}"#
            )
            #expect(asNormal.json["data"]?[1]?["name"]?.isNull == true)
            #expect(asNormal.json["data"]?[2]?["region"]?.stringValue == "minimax_cn")
            #expect(asNormal.json["data"]?.arrayValue?.count == 4)

            let admin = try await client.login(.admin)
            let asAdmin = try await client.send(.get, "/api/providers", cookie: admin)
            #expect(asAdmin.json["data"]?[0]?["credentials"]?.serialized() == #"{"type":"oauth"}"#)
            #expect(asAdmin.json["data"]?[3]?["credentials"]?.serialized() == #"{"type":"api_key"}"#)
            for secret in ["sk-ant-secret-token", "refresh-secret", "kimi-cookie-secret", "mm-secret-key", "or-key"] {
                #expect(!asAdmin.text.contains(secret))
                #expect(!asNormal.text.contains(secret))
            }
        }
    }

    @Test func historyReturnsRawRowsWithDaysClamped() async throws {
        let env = try TestEnvironment(providers: [SampleData.claude])
        let old = try env.store([ProgressItem(name: "Session", usedPercent: 1)], for: "prov_claude", age: 2 * 86400)
        let recent = try env.store(SampleData.claudeItems, cost: SampleData.claudeCost, plan: "Pro", for: "prov_claude", age: 60)
        try await env.test { client in
            let cookie = try await client.login(.normal)
            let oneDay = try await client.send(.get, "/api/providers/prov_claude/history?days=1", cookie: cookie)
            #expect(
                oneDay.text
                    == #"{"success":true,"data":[{"id":\#(recent),"providerId":"prov_claude","progress":{"items":[{"name":"Session","usedPercent":45.5,"remainingPercent":54.5,"used":225,"limit":500,"windowMinutes":300,"resetsAt":1741910400,"resetDescription":"Resets in 5h"},{"name":"Weekly","desc":"7 days window for Opus","usedPercent":12.25,"windowMinutes":10080}],"cost":{"used":12.5,"limit":100,"remaining":87.5,"currency":"USD","period":"monthly"}},"identityData":{"plan":"Pro"},"createdAt":"2025-03-12T23:59:00.000Z"}]}"#
            )
            let all = try await client.send(.get, "/api/providers/prov_claude/history", cookie: cookie).json["data"]
            #expect(all?.arrayValue?.map { $0["id"]?.doubleValue } == [Double(old), Double(recent)])
            #expect(all?[0]?["identityData"]?.isNull == true)
            // 0 and garbage mean 30; negative values clamp to 1 day.
            let zero = try await client.send(.get, "/api/providers/prov_claude/history?days=0", cookie: cookie)
            #expect(zero.json["data"]?.arrayValue?.count == 2)
            let negative = try await client.send(.get, "/api/providers/prov_claude/history?days=-5", cookie: cookie)
            #expect(negative.json["data"]?.arrayValue?.count == 1)
            let unknown = try await client.send(.get, "/api/providers/nope/history", cookie: cookie)
            #expect(unknown.text == #"{"success":true,"data":[]}"#)
            #expect(try await client.send(.get, "/api/providers/prov_claude/history").status == .unauthorized)
        }
    }

    static func answering(_ result: JSONValue) -> @Sendable (ControlRequest) -> FakeCollector.Answer {
        { _ in .result(["results": [result]]) }
    }

    @Test func singleRefreshReturnsTheSnapshotWithFlags() async throws {
        let env = try ProxyTests.seeded()
        let collector = try FakeCollector(
            directory: env.directory,
            answer: Self.answering(["id": "prov_claude", "status": "cached", "fromCache": true, "cachedAt": 1_741_823_940]))
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/providers/prov_claude/refresh", cookie: admin)
            #expect(
                response.text
                    == #"{"success":true,"data":{"provider":"claude","progress":[{"name":"Session","desc":"5 hours window","usedPercent":45.5,"remainingPercent":54.5,"used":225,"limit":500,"windowMinutes":300,"resetsAt":1741910400,"resetDescription":"Resets in 5h"},{"name":"Weekly","desc":"1 week window for Opus","usedPercent":12.25,"windowMinutes":10080,"resetsAt":null}],"cost":{"used":12.5,"limit":100,"remaining":87.5,"currency":"USD","period":"monthly"},"identity":{"plan":"Max"},"updatedAt":1741823940,"refreshInterval":5,"fromCache":true,"cachedAt":1741823940}}"#
            )
        }
        #expect(collector.requests.first.map(ControlRequestView.init)?.providerIds == ["prov_claude"])
    }

    @Test func singleRefreshStaleFlags() async throws {
        let env = try ProxyTests.seeded()
        let collector = try FakeCollector(
            directory: env.directory,
            answer: Self.answering([
                "id": "prov_or", "status": "stale", "stale": true, "staleAt": 1_741_824_000, "fetchError": "HTTP 502",
            ]))
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let data = try await client.send(.post, "/api/providers/prov_or/refresh", cookie: admin).json["data"]
            #expect(data?["stale"]?.boolValue == true)
            #expect(data?["staleAt"]?.doubleValue == 1_741_824_000)
            #expect(data?["fetchError"]?.stringValue == "HTTP 502")
            #expect(data?["fromCache"] == nil)
            #expect(data?["identity"]?["plan"]?.stringValue == "Pro")
        }
    }

    @Test(arguments: [
        ("TEMPORARILY_UNAVAILABLE", 503, "Data temporarily unavailable due to a recent failure"),
        ("FETCH_ERROR", 400, "Upstream answered 401"),
        ("NOT_FOUND", 404, "Provider not found"),
        ("REFRESH_ERROR", 500, "Upstream answered 401"),
    ])
    func singleRefreshFailures(code: String, status: Int, message: String) async throws {
        let env = try ProxyTests.seeded()
        let collector = try FakeCollector(
            directory: env.directory,
            answer: Self.answering([
                "id": "prov_kimi", "status": "failed", "code": .string(code), "message": "Upstream answered 401",
                "authRequired": true,
            ]))
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/providers/prov_kimi/refresh", cookie: admin)
            #expect(Int(response.status.code) == status)
            #expect(response.json["error"]?["message"]?.stringValue == message)
            if code != "NOT_FOUND" { #expect(response.json["error"]?["authRequired"]?.boolValue == true) }
        }
    }

    @Test func singleRefreshGuards() async throws {
        let env = try ProxyTests.seeded()
        try await env.test { client in
            #expect(try await client.send(.post, "/api/providers/prov_claude/refresh").status == .unauthorized)
            let normal = try await client.login(.normal)
            #expect(try await client.send(.post, "/api/providers/prov_claude/refresh", cookie: normal).status == .forbidden)
            let admin = try await client.login(.admin)
            let unknown = try await client.send(.post, "/api/providers/nope/refresh", cookie: admin)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["error"]?["message"]?.stringValue == "Provider not found")
            let down = try await client.send(.post, "/api/providers/prov_claude/refresh", cookie: admin)
            #expect(down.errorCode == "COLLECTOR_UNAVAILABLE")
        }
        let silent = try FakeCollector(directory: env.directory) { _ in .silence }
        defer { silent.stop() }
        try await env.test(env.services(collectorSocket: silent.socketPath, collectorTimeout: 0.3)) { client in
            let admin = try await client.login(.admin)
            let slow = try await client.send(.post, "/api/providers/prov_claude/refresh", cookie: admin)
            #expect(slow.status == .gatewayTimeout)
        }
    }
}
