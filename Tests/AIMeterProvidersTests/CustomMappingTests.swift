import AIMeterCore
@testable import AIMeterProviders
import Testing

@Suite("Custom: option validation")
struct CustomMappingTests {
    typealias H = RelaysHarness
    let adapter = CustomAdapter()

    static let oneItem: JSONValue = [["name": "Session", "usedPercent": "five_hour.utilization"]]

    func problems(_ options: [String: JSONValue], credentials: Credentials? = nil, baseURL: String? = nil) -> [String] {
        adapter.validate(H.config(.custom, credentials: credentials, baseURL: baseURL, options: options))
    }

    @Test func completeMappingsAreValid() throws {
        #expect(problems(CustomParsingTests.ccapiOptions).isEmpty)
        #expect(problems(CustomParsingTests.newAPIOptions, baseURL: "https://relay.example.com").isEmpty)
        #expect(problems(
            ["url": "https://relay.example.com/api/usage?x=1", "method": "post", "body": ["scope": "all"], "items": Self.oneItem,
             "authHeader": "X-Api-Key"],
            credentials: .apiKey("k")).isEmpty)
        #expect(problems(["url": "https://r.example.com/u", "cost": ["remaining": "balance", "currency": "CNY"]]).isEmpty)
    }

    @Test func requestProblems() {
        #expect(problems(["items": Self.oneItem]) == ["options.url: required (or set baseUrl and options.path)"])
        #expect(problems(["url": "relay.example.com/x", "items": Self.oneItem]) == ["options.url: must be an absolute http(s) URL"])
        #expect(problems(["path": "/api/user/self", "items": Self.oneItem]) == ["options.path: needs baseUrl (or use options.url)"])
        #expect(problems(["path": "api/x", "items": Self.oneItem], baseURL: "https://r.example.com") == ["options.path: must start with /"])
        #expect(problems(["url": "https://a.example.com/x", "path": "/y", "items": Self.oneItem]) == [
            "options.path: use either options.url or baseUrl + options.path, not both"
        ])
        #expect(problems(["url": "https://a.example.com/x", "method": "PUT", "items": Self.oneItem]) == ["options.method: must be GET or POST"])
        #expect(problems(["url": "https://a.example.com/x", "body": "{}", "items": Self.oneItem]) == ["options.body: needs method: POST"])
        #expect(problems(["url": "https://a.example.com/x", "method": "POST", "body": 5, "items": Self.oneItem]) == [
            "options.body: must be a string, a map or a list"
        ])
        #expect(problems(["url": "https://a.example.com/x", "headers": ["Bad Name": "v", "X-Ok": 3, "X-Evil": "a\r\nb"], "items": Self.oneItem]) == [
            "options.headers.Bad Name: is not a valid header name",
            "options.headers.X-Ok: must be a string",
            "options.headers.X-Evil: must not contain line breaks",
        ])
        #expect(problems(["url": "https://a.example.com/x", "authHeader": "X-Key", "items": Self.oneItem]) == [
            "options.authHeader: is set but the entry has no credentials"
        ])
        #expect(problems(["url": "https://a.example.com/x", "headers": ["authorization": "Bearer x"], "items": Self.oneItem],
                         credentials: .apiKey("k")) == [
            "options.headers.authorization: conflicts with the credential, which is sent in this header"
        ])
        #expect(problems(["url": "https://a.example.com/x", "timeout": 3, "items": Self.oneItem]) == [
            "options.timeout: unknown option for provider custom"
        ])
    }

    @Test func itemProblems() {
        let url: JSONValue = "https://a.example.com/x"
        #expect(problems(["url": url]) == ["options.items: map at least one item (or options.cost)"])
        #expect(problems(["url": url, "items": []]) == ["options.items: map at least one item (or options.cost)"])
        #expect(problems(["url": url, "items": "five_hour"]) == ["options.items: must be a list of items"])
        #expect(problems(["url": url, "items": ["five_hour"]]) == ["options.items[0]: must be a map"])
        #expect(problems(["url": url, "items": [["usedPercent": "a"]]]) == ["options.items[0].name: required"])
        #expect(problems(["url": url, "items": [["name": "A"]]]) == [
            "options.items[0]: no usedPercent source; map usedPercent, remainingPercent, or two of used, limit and remaining"
        ])
        #expect(problems(["url": url, "items": [["name": "A", "used": "u"]]]).count == 1)
        #expect(problems(["url": url, "items": [["name": "A", "used": "u", "remaining": "r"]]]).isEmpty)
        #expect(problems(["url": url, "items": [["name": "A", "usedPercent": "a..b", "scale": 0, "optional": "yes", "window": 5]]]) == [
            "options.items[0].window: unknown key (use name, desc, usedPercent, remainingPercent, used, limit, remaining, resetsAt, windowMinutes, scale, optional)",
            #"options.items[0].usedPercent: invalid path "a..b": empty member name at character 3"#,
            "options.items[0].scale: must be a number greater than 0",
            "options.items[0].optional: must be true or false",
        ])
        #expect(problems(["url": url, "items": [["name": "A", "usedPercent": 5, "windowMinutes": -5]]]) == [
            "options.items[0].usedPercent: must be a path string such as data.quota",
            "options.items[0].windowMinutes: must be a number greater than 0",
        ])
        #expect(problems(["url": url, "items": [["name": "A", "usedPercent": "p", "windowMinutes": "w[x"]]]) == [
            #"options.items[0].windowMinutes: invalid path "w[x": missing ] at character 4"#
        ])
        #expect(problems(["url": url, "items": [["name": "A", "usedPercent": "p"], ["name": "A", "usedPercent": "q"]]]) == [
            "options.items[1].name: duplicate item name A"
        ])
    }

    @Test func costPlanAndErrorPathProblems() {
        let url: JSONValue = "https://a.example.com/x"
        #expect(problems(["url": url, "cost": ["currency": "USD"]]) == ["options.cost: map at least one of used, limit and remaining"])
        #expect(problems(["url": url, "cost": ["used": "a[", "rate": 1, "scale": -1]]) == [
            "options.cost.rate: unknown key (use used, limit, remaining, currency, period, scale, optional)",
            #"options.cost.used: invalid path "a[": empty key at character 3"#,
            "options.cost.scale: must be a number greater than 0",
        ])
        #expect(problems(["url": url, "items": Self.oneItem, "plan": "data.", "errorPath": ["x"]]) == [
            #"options.plan: invalid path "data.": empty member name at character 6"#,
            "options.errorPath: must be a path string such as data.quota",
        ])
    }

    @Test func credentialKinds() {
        let options: [String: JSONValue] = ["url": "https://a.example.com/x", "items": Self.oneItem]
        #expect(problems(options, credentials: .cookie("sid=1")).isEmpty)
        #expect(problems(options, credentials: .jwt("a.b.c")).isEmpty)
        #expect(problems(options, credentials: .oauth(OAuthTokens(accessToken: "t"))) == [
            "credentials.type: oauth is not supported by provider custom; use api_key or jwt or cookie"
        ])
    }

    @Test func fetchRefusesAnInvalidMappingWithAConfigurationError() async {
        let error = await H.fetchError(adapter, H.config(.custom, options: ["url": "https://a.example.com/x"]))
        #expect(error == .configuration("options.items: map at least one item (or options.cost)"))
    }
}
