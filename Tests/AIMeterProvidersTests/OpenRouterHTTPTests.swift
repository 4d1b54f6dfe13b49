import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("OpenRouter over HTTP")
struct OpenRouterHTTPTests {
    typealias H = KeysAndBalancesHarness
    let adapter = OpenRouterAdapter()

    @Test func creditsAndKeyAreBothFetchedWithTheBearerKey() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .apiKey("sk-or-v1-xyz")) { upstream in
            upstream.route("GET", "/api/v1/credits", .json(try H.data("openrouter/credits.json")))
            upstream.route("GET", "/api/v1/key", .json(try H.data("openrouter/key.weekly-used.json")))
        }

        #expect(Set(requests.map(\.path)) == ["/api/v1/credits", "/api/v1/key"])
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer sk-or-v1-xyz" })
        #expect(requests.allSatisfy { $0.header("Accept") == "application/json" })
        #expect(snapshot.items.map(\.name) == ["Weekly Credits", "Total Credits"])
        #expect(snapshot.items.first?.usedPercent == 37.5)
        #expect(snapshot.cost == Cost(used: 17.35, limit: 25, remaining: 7.65, currency: "USD"))
        #expect(snapshot.identity?.plan == "Pay as you go")
    }

    @Test func failingKeyEndpointKeepsTheBalance() async throws {
        let (snapshot, _) = try await H.fetch(adapter, credentials: .apiKey("k")) { upstream in
            upstream.route("GET", "/api/v1/credits", .json(try H.data("openrouter/credits.json")))
            upstream.route("GET", "/api/v1/key", .rateLimited())
        }

        #expect(snapshot.items.map(\.name) == ["Total Credits"])
        #expect(snapshot.cost?.remaining == 7.65)
    }

    @Test func unauthorizedCreditsNeedAHuman() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", "/api/v1/credits", .json(try H.data("openrouter/unauthorized.json"), status: 401))
            upstream.route("GET", "/api/v1/key", .json(try H.data("openrouter/unauthorized.json"), status: 401))
            return await H.fetchError(adapter, H.context(.openrouter, credentials: .apiKey("k"), baseURL: upstream.baseURL))
        }

        #expect(error?.isAuthRequired == true)
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(failure, adapter: adapter, credentials: .apiKey("sk-or-secret"), path: "/api/v1/credits")
    }

    @Test func defaultHost() async {
        let urls = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k"))
        #expect(urls == ["https://openrouter.ai/api/v1/credits", "https://openrouter.ai/api/v1/key"])
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.openrouter, credentials: .apiKey("k"))).isEmpty)
        #expect(adapter.validate(H.config(.openrouter, credentials: .apiKey(" "))) == ["credentials.value: must not be empty"])
        #expect(adapter.validate(H.config(.openrouter, credentials: .apiKey("k"), region: "eu")).count == 1)
    }
}
