import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Aliyun over HTTP")
struct AliyunHTTPTests {
    typealias H = KeysAndBalancesHarness
    let adapter = AliyunAdapter()
    static let gatewayPath = "/data/api.json"
    static let cookie = "login_aliyunid_ticket=t1; cna=anon-7; currentRegionId=cn-hangzhou"

    @Test func consolePageSuppliesSecTokenForTheGatewayCall() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .cookie(Self.cookie)) { upstream in
            upstream.route("GET", "/cn-hangzhou/", .text(try H.text("aliyun/console.html"), contentType: "text/html"))
            upstream.route("POST", Self.gatewayPath, .json(try H.data("aliyun/gateway.json")))
        }

        #expect(requests.map(\.path) == ["/cn-hangzhou/", Self.gatewayPath])
        let console = try #require(requests.first)
        #expect(console.queryItems == ["tab": "coding-plan"])
        #expect(console.header("cookie") == Self.cookie)
        let gateway = try #require(requests.last)
        #expect(gateway.method == "POST")
        #expect(gateway.queryItems["api"] == AliyunGatewayRequest.api)
        #expect(gateway.queryItems["action"] == "BroadScopeAspnGateway")
        #expect(gateway.header("content-type") == "application/x-www-form-urlencoded")
        #expect(gateway.header("origin") == "https://bailian.console.aliyun.com")
        #expect(gateway.header("referer") == "https://bailian.console.aliyun.com/cn-hangzhou/?tab=coding-plan")
        #expect(gateway.formFields["sec_token"] == "Hq7wR2mZk9PxT4vN8cL3sD")
        #expect(gateway.formFields["region"] == "cn-hangzhou")
        let params = try JSONValue.parse(try #require(gateway.formFields["params"]))
        #expect(params["Data"]?["cornerstoneParam"]?["X-Anonymous-Id"]?.stringValue == "anon-7")
        #expect(snapshot.items.map(\.name) == ["Session", "Weekly", "Monthly"])
        #expect(snapshot.identity?.plan == "Coding Plan Pro")
    }

    @Test func cookieWithSecTokenSkipsTheConsolePage() async throws {
        let (snapshot, requests) = try await H.fetch(adapter, credentials: .cookie("sec_token=abc; cna=z"), region: "cn-beijing") { upstream in
            upstream.route("POST", Self.gatewayPath, .json(try H.data("aliyun/gateway.session-only.json")))
        }

        #expect(requests.map(\.path) == [Self.gatewayPath])
        #expect(requests.first?.formFields["sec_token"] == "abc")
        #expect(snapshot.items.map(\.usedPercent) == [7.5])
    }

    @Test func signedOutConsoleNeedsAHuman() async throws {
        let (redirected, noToken, gatewayCalls) = try await H.withUpstream { upstream in
            let context = H.context(.aliyun, credentials: .cookie(Self.cookie), baseURL: upstream.baseURL)
            upstream.route("GET", "/cn-hangzhou/", .redirect(to: "https://signin.aliyun.com/login.htm"))
            let redirected = await H.fetchError(adapter, context)
            upstream.route("GET", "/cn-hangzhou/", .text(try H.text("aliyun/console.signed-out.html"), contentType: "text/html"))
            let noToken = await H.fetchError(adapter, context)
            return (redirected, noToken, upstream.requests(to: Self.gatewayPath).count)
        }

        #expect(redirected?.isAuthRequired == true)
        #expect(noToken?.isAuthRequired == true)
        #expect(gatewayCalls == 0)
    }

    @Test func errorsHiddenInHTTP200AreDetected() async throws {
        let errors = try await H.fetchErrors(
            adapter, credentials: .cookie("sec_token=abc"), method: "POST", path: Self.gatewayPath,
            serving: [
                .json(try H.data("aliyun/gateway.token-error.json")), .json(try H.data("aliyun/gateway.system-error.json")),
                .json(try H.data("aliyun/gateway.no-instance.json")),
            ])
        try #require(errors.count == 3)
        let (token, busy, none) = (errors[0], errors[1], errors[2])

        #expect(token?.isAuthRequired == true)
        #expect(busy == .upstreamError("Aliyun gateway error: SystemBusy"))
        #expect(none?.code == "UPSTREAM_ERROR")
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        try await H.expectMapping(
            failure, adapter: adapter, credentials: .cookie("sec_token=tok; login_ticket=secret-ticket"), method: "POST", path: Self.gatewayPath)
    }

    @Test func defaultHostsAndRegionPath() async {
        let console = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .cookie("cna=x"), region: "cn-shanghai")
        #expect(console == ["https://bailian.console.aliyun.com/cn-shanghai/?tab=coding-plan"])
        let gateway = await KeysAndBalancesRecordingClient.urls(adapter, credentials: .cookie("sec_token=t"))
        #expect(gateway == ["https://bailian-cs.console.aliyun.com" + AliyunGatewayRequest.gatewayPath])
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.aliyun, credentials: .cookie("a=b"), region: "cn-beijing")).isEmpty)
        #expect(
            adapter.validate(H.config(.aliyun, credentials: .cookie("curl -H x"))) == [
                "credentials.value: paste the Cookie header value only, not a cURL command"
            ])
        let problems = adapter.validate(H.config(.aliyun, credentials: .apiKey("sk"), region: "Beijing/..", options: ["a": 1]))
        #expect(problems.count == 3)
    }
}
