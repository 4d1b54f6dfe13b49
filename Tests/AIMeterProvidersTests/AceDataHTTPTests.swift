import AIMeterCore
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("AceData: HTTP and paging")
struct AceDataHTTPTests {
    typealias H = RelaysHarness
    static let path = "/api/v1/usage/proxies/"
    let adapter = AceDataAdapter()

    static func config(_ upstream: MockUpstream, token: String = "platform-v1-0a1b2c3d", options: [String: JSONValue] = [:]) -> ProviderConfig {
        H.config(.acedata, credentials: .apiKey(token), baseURL: upstream.baseURL, options: options)
    }

    @Test func pagesThroughTheMonthWithFiltersAndToken() async throws {
        let (snapshot, requests) = try await H.withUpstream { upstream in
            upstream.route("GET", Self.path, query: ["offset": "0"], .json(try H.data("acedata/usage.page1.json")))
            upstream.route("GET", Self.path, query: ["offset": "3"], .json(try H.data("acedata/usage.page2.json")))
            let options: [String: JSONValue] = [
                "applicationId": "app-7f3e9c21", "proxyId": "proxy-openai-01", "pageSize": 3, "currency": "USD",
                "dailyBudget": 5, "monthlyBudget": 40,
            ]
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream, options: options)))
            return (snapshot, upstream.requests)
        }
        #expect(requests.count == 2)
        for (index, request) in requests.enumerated() {
            #expect(request.method == "GET")
            #expect(request.path == Self.path)
            #expect(request.header("authorization") == "Bearer platform-v1-0a1b2c3d")
            #expect(request.header("accept") == "application/json")
            #expect(request.queryItems == [
                "application_id": "app-7f3e9c21", "proxy_id": "proxy-openai-01", "created_at_from": "2026-03-01T00:00:00Z",
                "limit": "3", "offset": index == 0 ? "0" : "3",
            ])
        }
        #expect(snapshot.items.map(\.name) == ["Daily Spend", "Monthly Spend"])
        #expect(snapshot.items.map(\.usedPercent) == [35, 20])
        #expect(snapshot.cost == Cost(used: 8, remaining: 791, currency: "USD", period: "monthly"))
    }

    @Test func defaultPageSizeAndNoFilters() async throws {
        let (snapshot, request) = try await H.withUpstream { upstream in
            upstream.route("GET", Self.path, .json(#"{"count": 1, "results": [{"used_amount": 0.25, "remaining_amount": 99.75, "created_at": "2026-03-14T08:00:00Z"}]}"#))
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream)))
            return (snapshot, try #require(upstream.requests.first))
        }
        #expect(request.queryItems == ["created_at_from": "2026-03-01T00:00:00Z", "limit": "100", "offset": "0"])
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.cost == Cost(used: 0.25, remaining: 99.75, period: "monthly"))
    }

    @Test func quietMonthReadsTheBalanceFromBothEndsOfAllRecords() async throws {
        let (snapshot, queries) = try await H.withUpstream { upstream in
            let empty = try H.data("acedata/usage.empty.json"), latest = try H.data("acedata/usage.latest.json")
            let oldest = try H.data("acedata/usage.oldest.json")
            upstream.route("GET", Self.path) { request in
                if request.queryItems["created_at_from"] != nil { return .json(empty) }
                return .json(request.queryItems["offset"] == "0" ? latest : oldest)
            }
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream, options: ["dailyBudget": 2])))
            return (snapshot, upstream.requests.map(\.queryItems))
        }
        #expect(queries == [
            ["created_at_from": "2026-03-01T00:00:00Z", "limit": "100", "offset": "0"],
            ["limit": "1", "offset": "0"],
            ["limit": "1", "offset": "11"],
        ])
        #expect(snapshot.cost == Cost(used: 0, remaining: 812.4, period: "monthly"))
        #expect(snapshot.items == [
            ProgressItem(name: "Daily Spend", usedPercent: 0, remainingPercent: 100, used: 0, limit: 2, windowMinutes: 1440, resetsAt: 1_773_532_800)
        ])
    }

    @Test func pageCapStopsPagingAndDropsTheUnknownSpend() async throws {
        let (snapshot, queries) = try await H.withUpstream { upstream in
            upstream.route("GET", Self.path, query: ["offset": "0"], .json(try H.data("acedata/usage.page1.json")))
            upstream.route("GET", Self.path, query: ["offset": "4"], .json(try H.data("acedata/usage.page2.json")))
            let options: [String: JSONValue] = ["pageSize": 3, "maxPages": 1, "monthlyBudget": 40]
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream, options: options)))
            return (snapshot, upstream.requests.map(\.queryItems))
        }
        #expect(queries == [
            ["created_at_from": "2026-03-01T00:00:00Z", "limit": "3", "offset": "0"],
            ["created_at_from": "2026-03-01T00:00:00Z", "limit": "1", "offset": "4"],
        ])
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.cost == Cost(remaining: 791))
    }

    @Test func emptyPageEndsPagingEvenIfCountSaysMore() async throws {
        let queries = try await H.withUpstream { upstream in
            upstream.route("GET", Self.path, query: ["offset": "0"], .json(try H.data("acedata/usage.page1.json")))
            upstream.route("GET", Self.path, query: ["offset": "3"], .json(#"{"count": 5, "results": []}"#))
            _ = try await adapter.fetch(H.context(Self.config(upstream, options: ["pageSize": 3])))
            return upstream.requests.map { $0.queryItems["offset"] ?? "" }
        }
        #expect(queries == ["0", "3"])
    }

    @Test func noRecordsAtAllIsAnUpstreamError() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", Self.path, .json(try H.data("acedata/usage.empty.json")))
            return await H.fetchError(adapter, Self.config(upstream))
        }
        #expect(error == .upstreamError("AceData has no proxy call records yet; the balance is read from the newest record"))
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        let secret = "platform-v1-secret99"
        try await H.expectMapping(failure, secret: secret, path: Self.path, adapter: adapter) { Self.config($0, token: secret) }
    }

    @Test func errorDetailInA200IsAnUpstreamError() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", Self.path, .json(try H.data("acedata/usage.error-200.json")))
            return await H.fetchError(adapter, Self.config(upstream))
        }
        #expect(error == .upstreamError("AceData reported an error: Authentication credentials were not provided."))
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.acedata, credentials: .apiKey("t"), options: [
            "applicationId": "a", "proxyId": "p", "currency": "credits", "pageSize": 50, "maxPages": 10, "dailyBudget": 2.5, "monthlyBudget": 60,
        ])).isEmpty)
        #expect(adapter.validate(H.config(.acedata, credentials: nil)) == ["credentials: required for provider acedata (api_key)"])
        #expect(adapter.validate(H.config(.acedata, credentials: .apiKey("t"), options: [
            "applicationId": 5, "pageSize": 1000, "maxPages": 2.5, "dailyBudget": 0, "monthlyBudget": "x", "limit": 1,
        ])) == [
            "options.limit: unknown option for provider acedata",
            "options.applicationId: must be a non-empty string",
            "options.pageSize: must be a whole number from 1 to 500",
            "options.maxPages: must be a whole number from 1 to 200",
            "options.dailyBudget: must be a number greater than 0",
            "options.monthlyBudget: must be a number greater than 0",
        ])
    }
}
