import AIMeterCore
@testable import AIMeterProviders
import Foundation
import Testing

@Suite("Custom: mapping answers")
struct CustomParsingTests {
    typealias H = RelaysHarness

    /// A CCAPI console: Claude 5h/7d utilization in percent, Codex windows as 0–1 fractions,
    /// today's cost of the main account.
    static let ccapiOptions: [String: JSONValue] = [
        "url": "https://ccapi.example.net/admin/api/accounts",
        "items": [
            ["name": "Claude 5h", "usedPercent": "accounts[name=main].five_hour.utilization",
             "resetsAt": "accounts[name=main].five_hour.resets_at", "windowMinutes": 300],
            ["name": "Claude 7d", "usedPercent": "accounts[name=main].seven_day.utilization",
             "resetsAt": "accounts[name=main].seven_day.resets_at", "windowMinutes": 10080],
            ["name": "Codex 5h", "usedPercent": "accounts[name=codex-team].codex_primary.utilization", "scale": 100,
             "resetsAt": "accounts[name=codex-team].codex_primary.resets_at", "windowMinutes": 300],
            ["name": "Codex 7d", "usedPercent": "accounts[name=codex-team].codex_secondary.utilization", "scale": 100,
             "resetsAt": "accounts[name=codex-team].codex_secondary.resets_at", "windowMinutes": 10080, "desc": "Codex weekly"],
            ["name": "Backup 5h", "usedPercent": "accounts[id=3].five_hour.utilization", "resetsAt": "accounts[id=3].five_hour.resets_at"],
            ["name": "Spare 5h", "usedPercent": "accounts[name=spare].five_hour.utilization", "optional": true],
        ],
        "cost": ["used": "accounts[name=main].today_cost_usd", "currency": "USD", "period": "daily"],
        "plan": "accounts[name=main].type",
        "errorPath": "error.message",
    ]

    /// new-api `GET /api/user/self`: quota is what is left, used_quota what was used, 500000 units per dollar.
    static let newAPIOptions: [String: JSONValue] = [
        "path": "/api/user/self",
        "headers": ["New-Api-User": "7"],
        "items": [["name": "Quota", "used": "data.used_quota", "remaining": "data.quota"]],
        "cost": ["used": "data.used_quota", "remaining": "data.quota", "scale": 0.000002, "currency": "USD"],
        "plan": "data.group",
        "errorPath": "message",
    ]

    static func mapping(_ options: [String: JSONValue], baseURL: String? = "https://relay.example.com") throws -> CustomMapping {
        try CustomMapping.read(H.config(.custom, baseURL: baseURL, options: options)).get()
    }

    static func snapshot(_ fixture: String, _ options: [String: JSONValue], plan: String? = nil) throws -> UsageSnapshot {
        try CustomResponseParser.snapshot(try H.data(fixture), mapping: try mapping(options), manualPlan: plan, secrets: [], now: H.now)
    }

    static func snapshot(json: String, _ options: [String: JSONValue]) throws -> UsageSnapshot {
        try CustomResponseParser.snapshot(Data(json.utf8), mapping: try mapping(options), manualPlan: nil, secrets: ["s3cret-token"], now: H.now)
    }

    @Test func ccapiAccountsMapToWindowsAndTodaysCost() throws {
        let snapshot = try Self.snapshot("custom/ccapi-accounts.json", Self.ccapiOptions)
        #expect(snapshot.items == [
            ProgressItem(name: "Claude 5h", usedPercent: 37, remainingPercent: 63, windowMinutes: 300, resetsAt: 1_773_489_600),
            ProgressItem(name: "Claude 7d", usedPercent: 61.5, remainingPercent: 38.5, windowMinutes: 10080, resetsAt: 1_773_986_400),
            ProgressItem(name: "Codex 5h", usedPercent: 42, remainingPercent: 58, windowMinutes: 300, resetsAt: 1_773_494_400),
            ProgressItem(name: "Codex 7d", desc: "Codex weekly", usedPercent: 7.5, remainingPercent: 92.5, windowMinutes: 10080,
                         resetsAt: 1_773_986_400),
            ProgressItem(name: "Backup 5h", usedPercent: 100, remainingPercent: 0),
        ])
        #expect(snapshot.cost == Cost(used: 18.734, currency: "USD", period: "daily"))
        #expect(snapshot.identity == Identity(plan: "claude_oauth"))
        #expect(snapshot.updatedAt == H.now)
    }

    @Test func newAPIQuotaBecomesUsedOfUsedPlusRemaining() throws {
        let snapshot = try Self.snapshot("custom/newapi-user-self.json", Self.newAPIOptions)
        #expect(snapshot.items == [
            ProgressItem(name: "Quota", usedPercent: 10, remainingPercent: 90, used: 500_000, limit: 5_000_000)
        ])
        #expect(snapshot.cost == Cost(used: 1, remaining: 9, currency: "USD"))
        #expect(snapshot.identity == Identity(plan: "vip"))
    }

    @Test func errorsHiddenInA200AreUpstreamErrors() throws {
        let error = H.parsingError { try Self.snapshot("custom/newapi-error.json", Self.newAPIOptions) }
        #expect(error == .upstreamError("Upstream reported an error at message: 无权进行此操作，access token 无效"))
        let nested = H.parsingError {
            try Self.snapshot(json: #"{"error": {"message": "key s3cret-token expired"}, "accounts": []}"#, Self.ccapiOptions)
        }
        #expect(nested == .upstreamError("Upstream reported an error at error.message: key [redacted] expired"))
    }

    @Test(arguments: [
        (#"{"message": ""}"#, false), (#"{"message": null}"#, false), (#"{"message": false}"#, false), (#"{"message": 0}"#, false),
        (#"{}"#, false), (#"{"message": true}"#, true), (#"{"message": 3}"#, true), (#"{"message": {"code": 1}}"#, true),
        (#"{"message": "denied"}"#, true), (#"{"message": []}"#, false),
    ])
    func hiddenErrorValues(_ json: String, _ isError: Bool) throws {
        let path = try ResponsePath(parsing: "message")
        #expect((CustomResponseParser.hiddenError(at: path, in: try JSONValue.parse(json)) != nil) == isError)
    }

    @Test func missingPathsNameThePathUnlessOptional() throws {
        var options = Self.ccapiOptions
        options["items"] = [["name": "Gone", "usedPercent": "accounts[name=nobody].five_hour.utilization"]]
        let error = H.parsingError { try Self.snapshot("custom/ccapi-accounts.json", options) }
        #expect(error == .decoding(
            path: "accounts[name=nobody].five_hour.utilization",
            message: "nothing found (accounts[name=nobody]: no element has name = nobody)"))

        options["items"] = [["name": "Null", "usedPercent": "accounts[name=codex-team].five_hour.utilization"]]
        #expect(H.parsingError { try Self.snapshot("custom/ccapi-accounts.json", options) } == .decoding(
            path: "accounts[name=codex-team].five_hour.utilization",
            message: "nothing found (accounts[name=codex-team].five_hour is null, not an object)"))

        options["items"] = [["name": "Type", "usedPercent": "accounts[name=main].name"]]
        #expect(H.parsingError { try Self.snapshot("custom/ccapi-accounts.json", options) } == .decoding(
            path: "accounts[name=main].name", message: "expected a number, found a string"))
    }

    @Test func optionalItemsAndCostAreSkippedButNothingFoundIsAnError() throws {
        let options: [String: JSONValue] = [
            "url": "https://r.example.com/x",
            "items": [["name": "A", "usedPercent": "a", "optional": true]],
            "cost": ["remaining": "balance", "optional": true],
        ]
        #expect(H.parsingError { try Self.snapshot(json: #"{"b": 1}"#, options) } == .decoding(
            path: "", message: "none of the mapped items or cost was found in the answer"))
        let costOnly = try Self.snapshot(json: #"{"balance": "12.5"}"#, options)
        #expect(costOnly.items.isEmpty)
        #expect(costOnly.cost == Cost(remaining: 12.5))
    }

    @Test func percentSourcesAndDerivedFields() throws {
        let options: [String: JSONValue] = [
            "url": "https://r.example.com/x",
            "items": [
                ["name": "Remaining", "remainingPercent": "left", "scale": 100],
                ["name": "UsedLimit", "used": "u", "limit": "l", "resetsAt": "ms"],
                ["name": "LimitRemaining", "limit": "l", "remaining": "r", "windowMinutes": "w", "resetsAt": "text"],
                ["name": "Over", "usedPercent": "over"],
            ],
            "cost": ["used": "u", "limit": "l"],
        ]
        let json = #"{"left": 0.25, "u": 30, "l": 40, "r": 4, "w": 1440, "over": 120.456, "ms": 1773496800000, "text": "1773500000"}"#
        let snapshot = try Self.snapshot(json: json, options)
        #expect(snapshot.items == [
            ProgressItem(name: "Remaining", usedPercent: 75, remainingPercent: 25),
            ProgressItem(name: "UsedLimit", usedPercent: 75, remainingPercent: 25, used: 30, limit: 40, resetsAt: 1_773_496_800),
            ProgressItem(name: "LimitRemaining", usedPercent: 90, remainingPercent: 10, used: 36, limit: 40, windowMinutes: 1440,
                         resetsAt: 1_773_500_000),
            ProgressItem(name: "Over", usedPercent: 120.46, remainingPercent: 0),
        ])
        #expect(snapshot.cost == Cost(used: 30, limit: 40, remaining: 10))
    }

    @Test func zeroLimitAndBadResetAreDecodingErrors() {
        let zero: [String: JSONValue] = ["url": "https://r.example.com/x", "items": [["name": "A", "used": "u", "limit": "l"]]]
        #expect(H.parsingError { try Self.snapshot(json: #"{"u": 0, "l": 0}"#, zero) } == .decoding(
            path: "l", message: "the limit is 0; a percentage needs a limit above 0"))
        let reset: [String: JSONValue] = ["url": "https://r.example.com/x", "items": [["name": "A", "usedPercent": "p", "resetsAt": "r"]]]
        #expect(H.parsingError { try Self.snapshot(json: #"{"p": 1, "r": "soon"}"#, reset) } == .decoding(
            path: "r", message: "expected an ISO-8601 time or epoch seconds, found a string"))
        #expect(H.parsingError { try Self.snapshot(json: #"{"p": 1, "r": [1]}"#, reset) } == .decoding(
            path: "r", message: "expected an ISO-8601 time or epoch seconds, found an array"))
    }

    @Test func manualPlanFillsInWhenNoPlanIsMapped() throws {
        var options = Self.newAPIOptions
        options["plan"] = nil
        #expect(try Self.snapshot("custom/newapi-user-self.json", options, plan: "Relay Pro").identity == Identity(plan: "Relay Pro"))
        #expect(try Self.snapshot("custom/newapi-user-self.json", options).identity == nil)
    }

    @Test func malformedAnswerIsADecodingError() {
        guard case .decoding(let path, _)? = H.parsingError({ try Self.snapshot(json: "{oops", Self.newAPIOptions) }) else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(path == "")
    }
}
