import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Kimi over HTTP")
struct KimiHTTPTests {
    typealias H = KeysAndBalancesHarness
    let adapter = KimiAdapter()
    static let jwt = KimiParsingTests.jwt(#"{"device_id":"dev-1","ssid":"sess-2","sub":"user-3","exp":4102444800}"#)

    @Test func webConsoleSendsBrowserHeadersAndFirstPayload() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .cookie("kimi-auth=\(Self.jwt)")) { upstream in
            upstream.route("POST", KimiAdapter.usagesPath, .json(try H.data("kimi/usage.json")))
            upstream.route("POST", KimiAdapter.subscriptionPath, .json(try H.data("kimi/subscription.json")))
        }
        let usages = requests.filter { $0.path == KimiAdapter.usagesPath }
        let subscription = requests.filter { $0.path == KimiAdapter.subscriptionPath }

        #expect(snapshot.items.map(\.name) == ["Weekly", "Rate Limit"])
        #expect(snapshot.identity?.plan == "Moderato")
        #expect(snapshot.updatedAt == H.now)
        #expect(usages.count == 1)
        let request = try #require(usages.first)
        #expect(request.bodyText == #"{"scope":["FEATURE_CODING"]}"#)
        #expect(request.header("Authorization") == "Bearer \(Self.jwt)")
        #expect(request.header("Cookie") == "kimi-auth=\(Self.jwt)")
        #expect(request.header("x-msh-device-id") == "dev-1")
        #expect(request.header("x-msh-session-id") == "sess-2")
        #expect(request.header("x-traffic-id") == "user-3")
        #expect(request.header("x-msh-platform") == "web")
        #expect(request.header("Origin") == "https://www.kimi.com")
        #expect(subscription.first?.bodyText == "{}")
    }

    @Test func payloadFallbacksRunInOrderUntilUsagesAppear() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .jwt(Self.jwt)) { upstream in
            upstream.route("POST", KimiAdapter.usagesPath) { request in
                request.bodyText == #"{"scope":"FEATURE_CODING"}"# ? .json((try? H.data("kimi/usage.json")) ?? Data()) : .json("{}")
            }
        }
        let bodies = requests.filter { $0.path == KimiAdapter.usagesPath }.map(\.bodyText)

        #expect(bodies == [#"{"scope":["FEATURE_CODING"]}"#, #"{"scope":"FEATURE_CODING"}"#])
        #expect(snapshot.items.count == 2)
        #expect(snapshot.identity == nil)  // GetSubscription answered 404: no plan, no failure
    }

    @Test func noUsagesAfterAllPayloadsGivesAnEmptySnapshot() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .jwt(Self.jwt)) { upstream in
            upstream.route("POST", KimiAdapter.usagesPath, sequence: [.json("{}"), .malformedJSON(), .json(#"{"usages":[]}"#)])
            upstream.route("POST", KimiAdapter.subscriptionPath, .json(try H.data("kimi/subscription.purchase-only.json")))
        }
        let count = requests.filter { $0.path == KimiAdapter.usagesPath }.count

        #expect(count == 3)
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.identity?.plan == "Allegretto")
        #expect(!snapshot.isPersistable)
    }

    @Test func expiredTokenNeedsAHumanWithoutAnyRequest() async throws {
        let expired = KimiParsingTests.jwt(#"{"exp":1700000000}"#)
        let (error, requests) = try await H.withUpstream { upstream in
            (await H.fetchError(adapter, H.context(.kimi, credentials: .cookie(expired), baseURL: upstream.baseURL)), upstream.requests)
        }

        #expect(error?.isAuthRequired == true)
        #expect(requests.isEmpty)
    }

    @Test func codeAPIUsesBearerKeyOnItsOwnPath() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .apiKey("sk-kimi-123")) { upstream in
            upstream.route("GET", KimiAdapter.codeUsagesPath, .json(try H.data("kimi/code-usages.json")))
        }

        #expect(requests.map(\.path) == [KimiAdapter.codeUsagesPath])
        #expect(requests.first?.header("Authorization") == "Bearer sk-kimi-123")
        #expect(snapshot.items.map(\.usedPercent) == [25, 15])
        #expect(snapshot.identity?.plan == "Intermediate")
    }

    @Test(arguments: UpstreamFailure.allCases)
    func codeAPIFailuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        let error = try await H.expectMapping(
            failure, adapter: adapter, credentials: .apiKey("sk-kimi-secret"), path: KimiAdapter.codeUsagesPath)
        #expect(!(error?.message.contains("sk-kimi-secret") ?? false))
    }

    @Test(arguments: UpstreamFailure.allCases.filter { $0 != .malformedJSON })
    func webFailuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(failure, adapter: adapter, credentials: .jwt(Self.jwt), method: "POST", path: KimiAdapter.usagesPath)
    }

    @Test func defaultHostsFollowTheCredentialType() async {
        let web = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .jwt(Self.jwt))
        #expect(web.contains("https://www.kimi.com/apiv2/kimi.gateway.billing.v1.BillingService/GetUsages"))
        #expect(web.contains("https://www.kimi.com/apiv2/kimi.gateway.order.v1.SubscriptionService/GetSubscription"))
        let code = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .apiKey("k"))
        #expect(code == ["https://api.kimi.com/coding/v1/usages"])
    }

    @Test func validationChecksCredentialRegionAndOptions() {
        #expect(adapter.validate(H.config(.kimi, credentials: .cookie("kimi-auth=x"))).isEmpty)
        #expect(adapter.validate(H.config(.kimi, credentials: .apiKey("k"))).isEmpty)
        let problems = adapter.validate(
            H.config(.kimi, credentials: .oauth(OAuthTokens(accessToken: "t")), region: "cn", options: ["mode": "web"]))
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("credentials.type:") })
        #expect(problems.contains { $0.hasPrefix("region:") })
        #expect(problems.contains("options.mode: unknown option for provider kimi"))
    }
}
