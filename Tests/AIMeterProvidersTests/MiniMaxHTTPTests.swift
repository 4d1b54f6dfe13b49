import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("MiniMax over HTTP")
struct MiniMaxHTTPTests {
    typealias H = KeysAndBalancesHarness
    let adapter = MiniMaxAdapter()
    static let pagePath = "/user-center/payment/coding-plan"

    @Test func apiKeyPollsRemainsWithBearerAndTakesThePlanFromTheTable() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .apiKey("sk-cp-abc")) { upstream in
            upstream.route("GET", MiniMaxAdapter.remainsPath, .json(try H.data("minimax/remains.json")))
            upstream.route("GET", Self.pagePath, .text(try H.text("minimax/coding-plan.html"), contentType: "text/html"))
        }
        let remains = requests.filter { $0.path == MiniMaxAdapter.remainsPath }
        let page = requests.filter { $0.path == Self.pagePath }

        #expect(snapshot.items.map(\.name) == ["Prompt"])
        #expect(snapshot.identity?.plan == "Plus")  // limit 300 on the global site; the page says Max
        #expect(remains.count == 1)
        #expect(remains.first?.header("Authorization") == "Bearer sk-cp-abc")
        #expect(remains.first?.header("Cookie") == nil)
        #expect(remains.first?.header("Accept") == "application/json, text/plain, */*")
        #expect(page.first?.queryItems == ["cycle_type": "3"])
        #expect(page.first?.header("Accept")?.hasSuffix("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8") == true)
        #expect(page.first?.header("x-requested-with") == "XMLHttpRequest")
    }

    @Test func cookieOnTheChinaSiteSendsPlatformOriginAndReferer() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .cookie("_token=abc; GroupId=42"), region: "minimax_cn") { upstream in
            upstream.route("GET", MiniMaxAdapter.remainsPath, .json(try H.data("minimax/remains.highspeed-cn.json")))
        }
        let remains = try #require(requests.first { $0.path == MiniMaxAdapter.remainsPath })

        #expect(snapshot.identity?.plan == "Plus-Highspeed")
        #expect(remains.header("Cookie") == "_token=abc; GroupId=42")
        #expect(remains.header("Authorization") == nil)
        #expect(remains.header("Origin") == "https://platform.minimaxi.com")
        #expect(remains.header("Referer") == "https://platform.minimaxi.com/user-center/payment/coding-plan?cycle_type=3")
    }

    @Test func planFallsBackToTheCodingPlanPage() async throws {
        let (snapshot, _) = try await H.fetch(adapter, credentials: .apiKey("k-1")) { upstream in
            upstream.route("GET", MiniMaxAdapter.remainsPath, .json(try H.data("minimax/remains.weekly-uncapped.json")))
            upstream.route("GET", Self.pagePath, .text(try H.text("minimax/coding-plan.html"), contentType: "text/html"))
        }

        #expect(snapshot.identity?.plan == "Max")
    }

    @Test func failingCodingPlanPageOnlyCostsThePlan() async throws {
        let (snapshot, _) = try await H.fetch(adapter, credentials: .apiKey("k-1")) { upstream in
            upstream.route("GET", MiniMaxAdapter.remainsPath, .json(try H.data("minimax/remains.weekly-uncapped.json")))
            upstream.route("GET", Self.pagePath, .serverError())
        }

        #expect(snapshot.items.count == 1)
        #expect(snapshot.identity == nil)
    }

    @Test func errorsHiddenInHTTP200AreDetected() async throws {
        let (auth, other) = try await H.withUpstream { upstream in
            upstream.route("GET", MiniMaxAdapter.remainsPath, .json(try H.data("minimax/remains.error-1004.json")))
            let auth = await H.fetchError(adapter, H.context(.minimax, credentials: .cookie("a=b"), baseURL: upstream.baseURL))
            upstream.route("GET", MiniMaxAdapter.remainsPath, .json(try H.data("minimax/remains.error-2013.json")))
            return (auth, await H.fetchError(adapter, H.context(.minimax, credentials: .apiKey("k"), baseURL: upstream.baseURL)))
        }

        #expect(auth?.isAuthRequired == true)
        #expect(other?.code == "UPSTREAM_ERROR")
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(failure, adapter: adapter, credentials: .apiKey("sk-cp-secret"), path: MiniMaxAdapter.remainsPath)
    }

    @Test func defaultHostsFollowRegionAndCredentialType() async {
        let page = "/user-center/payment/coding-plan?cycle_type=3"
        let global = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k"))
        #expect(global == ["https://api.minimax.io" + MiniMaxAdapter.remainsPath, "https://platform.minimax.io" + page])
        let china = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .cookie("a=b"), region: "minimax_cn")
        #expect(china == ["https://platform.minimaxi.com" + page, "https://platform.minimaxi.com" + MiniMaxAdapter.remainsPath])
    }

    @Test func validationRejectsUnknownRegionsAndJWTs() {
        #expect(adapter.validate(H.config(.minimax, credentials: .apiKey("k"), region: "minimax_global")).isEmpty)
        #expect(adapter.validate(H.config(.minimax, credentials: .cookie("a=b"), region: "CN")).isEmpty)
        let problems = adapter.validate(H.config(.minimax, credentials: .jwt("x.y.z"), region: "china", options: ["groupId": "1"]))
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("region: unknown value china") })
    }
}
