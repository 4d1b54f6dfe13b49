import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Moonshot balance")
struct MoonshotTests {
    typealias H = KeysAndBalancesHarness
    let adapter = MoonshotAdapter()

    @Test func availableBalanceIsTheCost() throws {
        let body = try H.json("moonshot/balance.json")
        #expect(throws: Never.self) { try MoonshotBalanceParser.checkEnvelope(body) }
        #expect(try MoonshotBalanceParser.cost(from: body, currency: "USD") == Cost(remaining: 49.58894, currency: "USD"))
    }

    @Test func deficitReducesTheAvailableBalance() throws {
        #expect(
            try MoonshotBalanceParser.cost(from: try H.json("moonshot/balance.deficit.json"), currency: "CNY")
                == Cost(remaining: 14.75, currency: "CNY"))
    }

    @Test func errorsInsideHTTP200() throws {
        #expect(throws: ProviderError.upstreamError("Moonshot error: account is suspended (code: 5)")) {
            try MoonshotBalanceParser.checkEnvelope(try H.json("moonshot/balance.error.json"))
        }
        #expect(throws: ProviderError.upstreamError("Moonshot error: Moonshot API returned an error")) {
            try MoonshotBalanceParser.checkEnvelope(["status": false])
        }
        #expect(throws: ProviderError.decoding(path: "data.available_balance", message: "missing or not a number")) {
            try MoonshotBalanceParser.cost(from: ["code": 0, "data": [:]], currency: "USD")
        }
    }

    @Test(arguments: [(nil as String?, "USD"), ("moonshot_cn", "CNY"), ("CN", "CNY"), ("moonshot_global", "USD")])
    func regionSelectsSiteAndCurrency(region: String?, currency: String) async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .apiKey("sk-ms"), region: region) { upstream in
            upstream.route("GET", "/v1/users/me/balance", .json(try H.data("moonshot/balance.json")))
        }
        let request = try #require(requests.first)

        #expect(request.header("Authorization") == "Bearer sk-ms")
        #expect(snapshot.cost == Cost(remaining: 49.58894, currency: currency))
        #expect(snapshot.items.isEmpty)
    }

    @Test func errorHiddenInHTTP200IsDetected() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", "/v1/users/me/balance", .json(try H.data("moonshot/balance.error.json")))
            return await H.fetchError(adapter, H.context(.moonshot, credentials: .apiKey("sk-ms"), baseURL: upstream.baseURL))
        }

        #expect(error?.code == "UPSTREAM_ERROR")
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(failure, adapter: adapter, credentials: .apiKey("sk-ms-secret"), path: "/v1/users/me/balance")
    }

    @Test func defaultHostsFollowTheRegion() async {
        #expect(await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k")) == ["https://api.moonshot.ai/v1/users/me/balance"])
        let china = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k"), region: "moonshot_cn")
        #expect(china == ["https://api.moonshot.cn/v1/users/me/balance"])
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.moonshot, credentials: .apiKey("k"), region: "cn")).isEmpty)
        #expect(adapter.validate(H.config(.moonshot, credentials: .apiKey("k"), region: "kimi")).count == 1)
        #expect(MoonshotAdapter.isChina(" Moonshot_CN "))
        #expect(!MoonshotAdapter.isChina(nil))
    }
}
