import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Kimi parsing")
struct KimiParsingTests {
    typealias H = KeysAndBalancesHarness

    @Test(arguments: [
        ParsingExample(
            "web usage gives weekly and rate limit", fixture: "kimi/usage.json",
            expected: [
                ProgressItem(
                    name: "Weekly", desc: "7 days window", usedPercent: 25, remainingPercent: 75, used: 512, limit: 2048,
                    windowMinutes: 10080, resetsAt: 1_773_483_016),
                ProgressItem(
                    name: "Rate Limit", desc: "5 hours window", usedPercent: 23.5, remainingPercent: 76.5, used: 47, limit: 200,
                    windowMinutes: 300, resetsAt: 1_772_982_616),
            ]),
        // The coding entry is second; its weekly detail has no `used` (derived from remaining)
        // and its rate limit has limit 0, which AIMeter would turn into NaN.
        ParsingExample(
            "coding scope wins and zero limits give no item", fixture: "kimi/usage.other-scope-first.json",
            expected: [
                ProgressItem(
                    name: "Weekly", desc: "7 days window", usedPercent: 2.34, remainingPercent: 97.66, used: 24, limit: 1024,
                    windowMinutes: 10080, resetsAt: 1_773_532_800)
            ]),
        ParsingExample(
            "rate-limit window in hours, and over quota is not clamped", fixture: "kimi/usage.hour-window.json",
            expected: [
                ProgressItem(
                    name: "Rate Limit", desc: "2 hours window", usedPercent: 125, remainingPercent: 0, used: 100, limit: 80,
                    windowMinutes: 120, resetsAt: 1_772_940_600)
            ]),
    ])
    func webItemsFromFixture(_ example: ParsingExample<[ProgressItem]>) throws {
        let body = try H.json(example.fixture)
        #expect(KimiUsageParser.hasUsages(body))
        #expect(KimiUsageParser.webItems(from: body) == example.expected)
    }

    @Test func emptyBodyHasNoUsagesAndNoItems() throws {
        let body = try H.json("kimi/usage.empty.json")
        #expect(!KimiUsageParser.hasUsages(body))
        #expect(KimiUsageParser.webItems(from: body).isEmpty)
    }

    @Test func subscriptionPlanFallsBackToPurchase() throws {
        #expect(KimiUsageParser.subscriptionPlan(from: try H.json("kimi/subscription.json")) == "Moderato")
        #expect(KimiUsageParser.subscriptionPlan(from: try H.json("kimi/subscription.purchase-only.json")) == "Allegretto")
        #expect(KimiUsageParser.subscriptionPlan(from: try H.json("kimi/usage.empty.json")) == nil)
    }

    @Test func codeAPIGivesWeeklyRateLimitAndMembershipPlan() throws {
        let body = try H.json("kimi/code-usages.json")
        #expect(
            KimiUsageParser.codeItems(from: body) == [
                ProgressItem(
                    name: "Weekly", desc: "7 days window", usedPercent: 25, remainingPercent: 75, used: 256, limit: 1024,
                    windowMinutes: 10080, resetsAt: 1_773_336_770),
                ProgressItem(
                    name: "Rate Limit", desc: "5 hours window", usedPercent: 15, remainingPercent: 85, used: 30, limit: 200,
                    windowMinutes: 300, resetsAt: 1_772_973_170),
            ])
        #expect(KimiUsageParser.codePlan(from: body) == "Intermediate")
    }

    @Test(arguments: [
        ("TIME_UNIT_MINUTE", 90.4, 90.0), ("TIME_UNIT_HOUR", 5, 300), ("TIME_UNIT_DAY", 1, 1440),
        ("TIME_UNIT_WEEK", 1, 10080), ("TIME_UNIT_MONTH", 1, 43200), ("TIME_UNIT_MINUTE", 0.2, 1),
    ])
    func windowUnitsConvertToMinutes(unit: String, duration: Double, minutes: Double) {
        let window: JSONValue = ["duration": .number(duration), "timeUnit": .string(unit)]
        #expect(KimiUsageParser.windowMinutes(of: window) == minutes)
    }

    @Test func unknownOrMissingWindowGivesNil() {
        #expect(KimiUsageParser.windowMinutes(of: ["duration": 5, "timeUnit": "TIME_UNIT_SECOND"]) == nil)
        #expect(KimiUsageParser.windowMinutes(of: ["duration": 0, "timeUnit": "TIME_UNIT_HOUR"]) == nil)
        #expect(KimiUsageParser.windowMinutes(of: nil) == nil)
    }

    @Test func membershipLevelsReadAsWords() {
        #expect(KimiUsageParser.readableLevel("LEVEL_FREE") == "Free")
        #expect(KimiUsageParser.readableLevel("LEVEL_VERY_ADVANCED") == "Very Advanced")
        #expect(KimiUsageParser.readableLevel("Andante") == "Andante")
    }

    @Test func tokenComesFromCookieHeaderAndClaimsFillHeaders() {
        let jwt = Self.jwt(#"{"device_id":"7481234567890","ssid":"17312345","sub":"d3k5m7","exp":4102444800}"#)
        let token = KimiToken(credentialValue: "  lang=en; kimi-auth=\(jwt); theme=dark ")
        #expect(token.jwt == jwt)
        #expect(token.deviceId == "7481234567890")
        #expect(token.sessionId == "17312345")
        #expect(token.subject == "d3k5m7")
        #expect(token.expiresAt == Date(timeIntervalSince1970: 4_102_444_800))
    }

    @Test func bareTokenWithNumericAndHostileClaims() {
        let jwt = Self.jwt(#"{"device_id":12345,"ssid":"a\r\nX-Evil: 1","sub":null}"#)
        let token = KimiToken(credentialValue: jwt)
        #expect(token.jwt == jwt)
        #expect(token.deviceId == "12345")
        #expect(token.sessionId == "aX-Evil: 1")
        #expect(token.subject == "")
        #expect(token.expiresAt == nil)
    }

    @Test func undecodableTokenLeavesHeadersEmpty() {
        let token = KimiToken(credentialValue: "kimi-auth=not-a-jwt")
        #expect(token.jwt == "not-a-jwt")
        #expect(token.deviceId.isEmpty && token.sessionId.isEmpty && token.subject.isEmpty)
    }

    /// An unsigned-looking JWT with `payload` (tests never verify signatures).
    static func jwt(_ payload: String) -> String {
        let body = Data(payload.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "eyJhbGciOiJIUzI1NiJ9.\(body).c2lnbmF0dXJl"
    }
}
