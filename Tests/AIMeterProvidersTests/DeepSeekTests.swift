import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("DeepSeek balance")
struct DeepSeekTests {
    typealias H = KeysAndBalancesHarness
    let adapter = DeepSeekAdapter()

    @Test func firstCurrencyIsTheDefault() throws {
        #expect(
            try DeepSeekBalanceParser.cost(from: try H.json("deepseek/balance.json"), preferredCurrency: nil) == Cost(remaining: 110, currency: "CNY")
        )
    }

    @Test func preferredCurrencyIsPicked() throws {
        #expect(
            try DeepSeekBalanceParser.cost(from: try H.json("deepseek/balance.json"), preferredCurrency: "USD")
                == Cost(remaining: 15.5, currency: "USD"))
        #expect(throws: ProviderError.configuration("options.currency: DeepSeek reports no EUR balance (has: CNY, USD)")) {
            try DeepSeekBalanceParser.cost(from: try H.json("deepseek/balance.json"), preferredCurrency: "EUR")
        }
    }

    @Test func unavailableAccountStillReportsItsBalance() throws {
        #expect(
            try DeepSeekBalanceParser.cost(from: try H.json("deepseek/balance.unavailable.json"), preferredCurrency: nil)
                == Cost(remaining: 0, currency: "USD"))
    }

    @Test func missingFieldsNameThePath() {
        #expect(throws: ProviderError.decoding(path: "balance_infos", message: "missing or empty")) {
            try DeepSeekBalanceParser.cost(from: ["is_available": true, "balance_infos": []], preferredCurrency: nil)
        }
        #expect(throws: ProviderError.decoding(path: "balance_infos[0].total_balance", message: "missing or not a number")) {
            try DeepSeekBalanceParser.cost(from: ["balance_infos": [["currency": "CNY", "total_balance": "n/a"]]], preferredCurrency: nil)
        }
    }

    @Test func fetchGivesACostOnlySnapshot() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .apiKey("sk-ds-1"), options: ["currency": "usd"]) { upstream in
            upstream.route("GET", "/user/balance", .json(try H.data("deepseek/balance.json")))
        }
        let request = try #require(requests.first)

        #expect(request.path == "/user/balance")
        #expect(request.header("Authorization") == "Bearer sk-ds-1")
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.cost == Cost(remaining: 15.5, currency: "USD"))
        #expect(snapshot.identity == nil)
        #expect(snapshot.isPersistable)
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(failure, adapter: adapter, credentials: .apiKey("sk-ds-secret"), path: "/user/balance")
    }

    @Test func defaultHost() async {
        #expect(await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k")) == ["https://api.deepseek.com/user/balance"])
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.deepseek, credentials: .apiKey("k"), options: ["currency": "CNY"])).isEmpty)
        #expect(
            adapter.validate(H.config(.deepseek, credentials: .apiKey("k"), options: ["currency": "yuan"])) == [
                "options.currency: must be a 3-letter currency code such as CNY or USD"
            ])
        #expect(
            adapter.validate(H.config(.deepseek, credentials: .apiKey("k"), options: ["limit": 5])) == [
                "options.limit: unknown option for provider deepseek"
            ])
        #expect(adapter.validate(H.config(.deepseek, credentials: .jwt("j"))).count == 1)
    }
}
