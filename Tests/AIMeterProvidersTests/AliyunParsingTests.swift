import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Aliyun parsing")
struct AliyunParsingTests {
    typealias H = KeysAndBalancesHarness

    @Test(arguments: [
        ParsingExample(
            "gateway gives session, weekly and monthly", fixture: "aliyun/gateway.json",
            expected: (
                items: [
                    ProgressItem(
                        name: "Session", desc: "5 hours window", usedPercent: 25, remainingPercent: 75, used: 300, limit: 1200,
                        windowMinutes: 300, resetsAt: 1_772_962_200),
                    ProgressItem(
                        name: "Weekly", desc: "7 days window", usedPercent: 50, remainingPercent: 50, used: 4500, limit: 9000,
                        windowMinutes: 10080, resetsAt: 1_773_072_000),
                    ProgressItem(
                        name: "Monthly", desc: "30 days window", usedPercent: 110, remainingPercent: 0, used: 19800, limit: 18000,
                        windowMinutes: 43200, resetsAt: 1_775_001_600),
                ], plan: "Coding Plan Pro"
            )),
        ParsingExample(
            "windows without a total are skipped and the plan defaults", fixture: "aliyun/gateway.session-only.json",
            expected: (
                items: [
                    ProgressItem(
                        name: "Session", desc: "5 hours window", usedPercent: 7.5, remainingPercent: 92.5, used: 45, limit: 600,
                        windowMinutes: 300)
                ], plan: "Coding Plan"
            )),
    ])
    func gatewayFromFixture(_ example: ParsingExample<(items: [ProgressItem], plan: String)>) throws {
        let parsed = try AliyunGatewayParser.parse(try H.json(example.fixture))
        #expect(parsed.items == example.expected.items)
        #expect(parsed.plan == example.expected.plan)
    }

    @Test func envelopeErrors() throws {
        #expect {
            try AliyunGatewayParser.parse(try H.json("aliyun/gateway.token-error.json"))
        } throws: { ($0 as? ProviderError)?.isAuthRequired == true }
        #expect {
            try AliyunGatewayParser.parse(try H.json("aliyun/gateway.need-login.json"))
        } throws: { ($0 as? ProviderError)?.isAuthRequired == true }
        #expect(throws: ProviderError.upstreamError("Aliyun gateway error: SystemBusy")) {
            try AliyunGatewayParser.parse(try H.json("aliyun/gateway.system-error.json"))
        }
        #expect(throws: ProviderError.upstreamError("No Coding Plan instance found in Aliyun response")) {
            try AliyunGatewayParser.parse(try H.json("aliyun/gateway.no-instance.json"))
        }
    }

    @Test func numericCodeIsNotTheStringTwoHundred() throws {
        var body = try H.json("aliyun/gateway.json")
        if case .object(var object) = body {
            object["code"] = 200
            body = .object(object)
        }
        #expect(throws: ProviderError.self) { try AliyunGatewayParser.parse(body) }
    }

    @Test func missingQuotaInfoNamesThePath() {
        let body: JSONValue = [
            "code": "200",
            "data": [
                "success": true,
                "DataV2": ["ret": ["SUCCESS::ok"], "data": ["data": ["codingPlanInstanceInfos": [["instanceName": "X"]]]]],
            ],
        ]
        #expect(
            throws: ProviderError.decoding(
                path: "data.DataV2.data.data.codingPlanInstanceInfos[0].codingPlanQuotaInfo", message: "missing quota data")
        ) { try AliyunGatewayParser.parse(body) }
    }

    @Test func secTokenFromConsolePage() throws {
        #expect(AliyunConsolePage.secToken(in: try H.text("aliyun/console.html")) == "Hq7wR2mZk9PxT4vN8cL3sD")
        #expect(AliyunConsolePage.secToken(in: try H.text("aliyun/console.signed-out.html")) == nil)
        #expect(AliyunConsolePage.secToken(in: #"<a href="/x?a=1&sec_token=ab_c-9">"#) == "ab_c-9")
        #expect(AliyunConsolePage.secToken(in: "var secToken = 'q%2Bw';") == "q+w")
    }

    @Test func cookieNormalization() throws {
        let cookie = try AliyunCookie(normalizing: #"  Cookie: "cna=abc; sec_token=t%3D1; currentRegionId=cn-hangzhou"  "#)
        #expect(cookie.header == "cna=abc; sec_token=t%3D1; currentRegionId=cn-hangzhou")
        #expect(cookie.secToken == "t=1")
        #expect(cookie.anonymousId == "abc")
        #expect(cookie.currentRegion == "cn-hangzhou")
        #expect(throws: AliyunCookie.Problem.empty) { try AliyunCookie(normalizing: " cookie: ") }
        #expect(throws: AliyunCookie.Problem.curlCommand) { try AliyunCookie(normalizing: "curl 'https://x' -H 'a: b'") }
        #expect(throws: AliyunCookie.Problem.notACookie) { try AliyunCookie(normalizing: "justtext") }
    }

    @Test func regionComesFromConfigThenCookieThenDefault() throws {
        let cookie = try AliyunCookie(normalizing: "a=1; currentRegionId=ap-southeast-1")
        #expect(AliyunRegion.resolve(configured: " cn-shanghai ", cookie: cookie) == "cn-shanghai")
        #expect(AliyunRegion.resolve(configured: nil, cookie: cookie) == "ap-southeast-1")
        let hostile = try AliyunCookie(normalizing: "a=1; currentRegionId=../../x")
        #expect(AliyunRegion.resolve(configured: "", cookie: hostile) == "cn-beijing")
    }

    @Test func formBodyIsURLSearchParamsEncoded() throws {
        #expect(AliyunGatewayRequest.formEncode("a b*c~d/é") == "a+b*c%7Ed%2F%C3%A9")
        let body = AliyunGatewayRequest.formBody(region: "cn-beijing", secToken: "tok", anonymousId: "cna1", traceId: "trace-1")
        let fields = body.split(separator: "&").map { String($0.prefix(while: { $0 != "=" })) }
        #expect(fields == ["params", "region", "sec_token"])
        #expect(body.hasSuffix("&region=cn-beijing&sec_token=tok"))
        let params = try #require(body.split(separator: "&").first?.dropFirst("params=".count))
        let decoded = try #require(String(params).replacingOccurrences(of: "+", with: " ").removingPercentEncoding)
        let json = try JSONValue.parse(decoded)
        #expect(json["Api"]?.stringValue == AliyunGatewayRequest.api)
        #expect(
            json["Data"]?["cornerstoneParam"]?["feURL"]?.stringValue == "https://bailian.console.aliyun.com/cn-beijing/?tab=coding-plan#/efm/detail")
        #expect(json["Data"]?["cornerstoneParam"]?["X-Anonymous-Id"]?.stringValue == "cna1")
        #expect(json["Data"]?["queryCodingPlanInstanceInfoRequest"]?["onlyLatestOne"] == .bool(true))
        #expect(decoded.hasPrefix(#"{"Api":"zeldaEasy."#))
    }
}
