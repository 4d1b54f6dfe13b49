import AIMeterAPI
import AIMeterControl
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ProxyTests {
    static func seeded() throws -> TestEnvironment {
        let env = try TestEnvironment(providers: SampleData.all)
        try env.store(SampleData.claudeItems, cost: SampleData.claudeCost, for: "prov_claude", age: 60)
        try env.store(SampleData.minimaxItems, plan: "ignored for MiniMax", for: "prov_minimax", age: 120)
        try env.store(SampleData.openrouterItems, plan: "  Pro  ", for: "prov_or", age: 600)
        return env
    }

    static let claudeRecord =
        #"{"id":"prov_claude","provider":"claude","name":"My Claude","refreshInterval":5,"identity":{"plan":"Max"},"progress":[{"name":"Session","desc":"5 hours window","usedPercent":45.5,"remainingPercent":54.5,"used":225,"limit":500,"windowMinutes":300,"resetsAt":1741910400,"resetDescription":"Resets in 5h"},{"name":"Weekly","desc":"1 week window for Opus","usedPercent":12.25,"windowMinutes":10080,"resetsAt":null}],"updatedAt":1741823940}"#
    static let kimiUnknown =
        #"{"id":"prov_kimi","provider":"kimi","code":"UNKNOWN","message":"No data available","timestamp":1741824000}"#
    static let minimaxRecord =
        #"{"id":"prov_minimax","provider":"minimax","name":"MiniMax CN","region":"minimax_cn","refreshInterval":0,"identity":{"plan":"Starter"},"progress":[{"name":"Prompt","desc":"5 hours window","usedPercent":10,"remainingPercent":90,"used":4,"limit":40,"windowMinutes":300,"resetsAt":null}],"updatedAt":1741823880}"#
    static let openrouterRecord =
        #"{"id":"prov_or","provider":"openrouter","name":"Router","refreshInterval":15,"identity":{"plan":"Pro"},"progress":[{"name":"Daily Credits","desc":"1 day window","usedPercent":33.3,"resetsAt":null}],"updatedAt":1741823400}"#

    @Test func latestServesStoredRecordsInDisplayOrderForPOSTAndGET() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            let cookie = try await client.login(.normal)
            let expected =
                #"{"success":true,"data":["# + [Self.claudeRecord, Self.kimiUnknown, Self.minimaxRecord, Self.openrouterRecord]
                .joined(separator: ",") + "]}"
            let post = try await client.send(.post, "/api/proxy/latest", cookie: cookie)
            #expect(post.status == .ok)
            #expect(post.text == expected)
            let get = try await client.send(.get, "/api/proxy/latest", cookie: cookie)
            #expect(get.text == expected)
        }
    }

    @Test func latestNeedsASession() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            let response = try await client.send(.post, "/api/proxy/latest")
            #expect(response.status == .unauthorized)
            #expect(response.text == #"{"success":false,"error":{"code":"UNAUTHORIZED","message":"Authentication required"}}"#)
            let secret = try await client.send(
                .post, "/api/proxy/latest", headers: ["x-aimeter-endpoint-secret": TestEnvironment.endpointSecret])
            #expect(secret.status == .unauthorized)
        }
    }

    @Test func displayItemsTransformIsAppliedToProxyOutput() async throws {
        let env = try Self.seeded()
        let pooled = DisplayItems { type, items, _ in
            type == .claude ? [ProgressItem(name: "Pool", usedPercent: items.map(\.usedPercent).max() ?? 0)] : items
        }
        try await env.test(env.services(displayItems: pooled)) { client in
            let cookie = try await client.login(.normal)
            let data = try await client.send(.post, "/api/proxy/latest", cookie: cookie).json["data"]
            #expect(data?[0]?["progress"]?.arrayValue?.count == 1)
            #expect(data?[0]?["progress"]?[0]?["name"]?.stringValue == "Pool")
            #expect(data?[0]?["progress"]?[0]?["usedPercent"]?.doubleValue == 45.5)
        }
    }

    static func refreshAnswer(_ request: ControlRequestView) -> FakeCollector.Answer {
        guard request.op == "refresh" else { return .error(code: "UNKNOWN_OPERATION", message: request.op) }
        let all: [JSONValue] = [
            ["id": "prov_claude", "provider": "claude", "status": "cached", "fromCache": true, "cachedAt": 1_741_823_940],
            [
                "id": "prov_kimi", "provider": "kimi", "status": "failed", "code": "FETCH_ERROR",
                "message": "Upstream answered 500",
            ],
            [
                "id": "prov_minimax", "provider": "minimax", "status": "stale", "stale": true, "staleAt": 1_741_824_000,
                "fetchError": "timed out", "authRequired": true,
            ],
            ["id": "prov_or", "provider": "openrouter", "status": "fresh"],
        ]
        let wanted = request.providerIds
        return .result(["results": .array(all.filter { wanted == nil || wanted!.contains($0["id"]?.stringValue ?? "") })])
    }

    @Test func refreshTurnsCollectorResultsIntoRecordsWithFlags() async throws {
        let env = try Self.seeded()
        let collector = try FakeCollector(directory: env.directory) { Self.refreshAnswer(ControlRequestView($0)) }
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/proxy/refresh", cookie: admin)
            #expect(response.status == .ok)
            let claude = Self.claudeRecord.dropLast() + #","fromCache":true}"#
            let kimi = #"{"id":"prov_kimi","provider":"kimi","code":"API_ERROR","message":"Upstream answered 500","timestamp":1741824000}"#
            let minimax = Self.minimaxRecord.dropLast() + #","stale":true,"staleAt":1741824000,"fetchError":"timed out","authRequired":true}"#
            #expect(
                response.text
                    == #"{"success":true,"data":["# + [String(claude), kimi, String(minimax), Self.openrouterRecord]
                    .joined(separator: ",") + "]}")
        }
        #expect(collector.requests.first?.op == "refresh")
        #expect(collector.requests.first?.params["providerIds"] == nil)
    }

    @Test func refreshIsAdminOnly() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            #expect(try await client.send(.post, "/api/proxy/refresh").status == .unauthorized)
            let normal = try await client.login(.normal)
            let forbidden = try await client.send(.post, "/api/proxy/refresh", cookie: normal)
            #expect(forbidden.status == .forbidden)
            #expect(
                forbidden.text
                    == #"{"success":false,"error":{"code":"FORBIDDEN","message":"Administrator access required"}}"#)
        }
    }

    @Test func refreshWithoutCollectorIs503AndSilentCollectorIs504() async throws {
        let env = try Self.seeded()
        try await env.test { client in
            let admin = try await client.login(.admin)
            let down = try await client.send(.post, "/api/proxy/refresh", cookie: admin)
            #expect(down.status == .serviceUnavailable)
            #expect(down.errorCode == "COLLECTOR_UNAVAILABLE")
        }
        let silent = try FakeCollector(directory: env.directory) { _ in .silence }
        defer { silent.stop() }
        try await env.test(env.services(collectorSocket: silent.socketPath, collectorTimeout: 0.3)) { client in
            let admin = try await client.login(.admin)
            let slow = try await client.send(.post, "/api/proxy/refresh", cookie: admin)
            #expect(slow.status == .gatewayTimeout)
            #expect(slow.errorCode == "COLLECTOR_TIMEOUT")
        }
    }
}

/// The parts of a control request the fakes look at.
struct ControlRequestView {
    var op: String
    var providerIds: [String]?

    init(_ request: AIMeterControl.ControlRequest) {
        op = request.op
        providerIds = request.params["providerIds"]?.arrayValue?.compactMap(\.stringValue)
    }
}
