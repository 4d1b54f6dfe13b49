import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Codex parsing")
struct CodexParsingTests {
    let now = SubscriptionHarness.now

    /// Items, cost and plan a usage fixture must give.
    typealias Parsed = (items: [ProgressItem], cost: Cost?, plan: String)

    static let snapshotExamples: [ParsingExample<Parsed>] = [
        ParsingExample(
            "maps all limit groups in AIMeter order", fixture: "codex/usage.plus.json",
            expected: (items: [
                ProgressItem(name: "Session", desc: "5 hours window", usedPercent: 17, remainingPercent: 83, windowMinutes: 300,
                             resetsAt: 1_775_010_000),
                ProgressItem(name: "Weekly", desc: "1 week window", usedPercent: 3.5, remainingPercent: 96.5, windowMinutes: 10080,
                             resetsAt: 1_775_500_000),
                ProgressItem(name: "Additional Session", desc: "5 hours window for GPT-5.3-Codex-Spark", usedPercent: 5,
                             remainingPercent: 95, windowMinutes: 300, resetsAt: 1_775_010_000),
                ProgressItem(name: "Additional Weekly", desc: "1 week window for GPT-5.3-Codex-Spark", usedPercent: 1,
                             remainingPercent: 99, windowMinutes: 10080, resetsAt: 1_775_500_000),
                ProgressItem(name: "Code Review", desc: "1 week window", usedPercent: 2, remainingPercent: 98, windowMinutes: 10080,
                             resetsAt: 1_775_500_000),
                ProgressItem(name: "Additional Primary", desc: "10 hours window for codex_fancy", usedPercent: 40,
                             remainingPercent: 60, windowMinutes: 600, resetsAt: 1_775_007_200),
            ], cost: nil, plan: "plus")),
        ParsingExample(
            "credits balance becomes a balance-only cost", fixture: "codex/usage.credits.json",
            expected: (items: [
                ProgressItem(name: "Session", desc: "5 hours window", usedPercent: 62.25, remainingPercent: 37.75, windowMinutes: 300,
                             resetsAt: 1_775_003_600),
                ProgressItem(name: "Weekly", desc: "1 week window", usedPercent: 12, remainingPercent: 88, windowMinutes: 10080,
                             resetsAt: 1_775_400_000),
            ], cost: Cost(remaining: 18.4, currency: "USD"), plan: "pro")),
        ParsingExample(
            "reached limit without percent counts as full", fixture: "codex/usage.limit-reached.json",
            expected: (items: [
                ProgressItem(name: "Session", desc: "5 hours window", usedPercent: 100, remainingPercent: 0, windowMinutes: 300,
                             resetsAt: 1_775_001_200),
                ProgressItem(name: "Weekly", desc: "1 week window", usedPercent: 88.5, remainingPercent: 11.5, windowMinutes: 10080,
                             resetsAt: 1_775_300_000),
                ProgressItem(name: "Code Review Secondary", desc: "1 day window", usedPercent: 7, remainingPercent: 93,
                             windowMinutes: 1440, resetsAt: 1_775_086_400),
            ], cost: nil, plan: "team")),
    ]

    @Test(arguments: Self.snapshotExamples)
    func snapshotFromFixture(_ example: ParsingExample<Parsed>) throws {
        let snapshot = try CodexParser.snapshot(try SubscriptionHarness.data(example.fixture), now: now)

        #expect(snapshot.items == example.expected.items)
        #expect(snapshot.cost == example.expected.cost)
        #expect(snapshot.identity == Identity(plan: example.expected.plan))
    }

    @Test func wrongShapesNameTheField() {
        #expect(throws: ProviderError.decoding(path: "additional_rate_limits", message: "expected an array, found an object")) {
            try CodexParser.snapshot(Data(#"{"additional_rate_limits":{}}"#.utf8), now: now)
        }
        #expect(throws: ProviderError.decoding(path: "", message: "expected an object, found a string")) {
            try CodexParser.snapshot(Data(#""nope""#.utf8), now: now)
        }
    }

    @Test func accountIdComesFromConfigThenIdTokenThenAccessToken() {
        let accessJWT = CodexTokens.accessJWT
        #expect(CodexAdapter.accountId(OAuthTokens(accessToken: accessJWT, accountId: "acct-config")) == "acct-config")
        #expect(CodexAdapter.accountId(OAuthTokens(accessToken: accessJWT, idToken: CodexTokens.idJWT)) == "acct-in-id-token")
        #expect(CodexAdapter.accountId(OAuthTokens(accessToken: accessJWT)) == "acct-in-access-jwt")
        #expect(CodexAdapter.accountId(OAuthTokens(accessToken: "opaque")) == nil)
    }
}

/// JWTs (unsigned test values) used by the Codex tests.
enum CodexTokens {
    /// exp 1775003000 (50 minutes after the test clock), account `acct-in-access-jwt`.
    static let accessJWT =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhdXRoMHx0ZXN0ZXIiLCJleHAiOjE3NzUwMDMwMDAsImh0dHBzOi8vYXBpLm9wZW5haS5jb20vYXV0aCI6eyJjaGF0Z3B0X2FjY291bnRfaWQiOiJhY2N0LWluLWFjY2Vzcy1qd3QiLCJjaGF0Z3B0X3BsYW5fdHlwZSI6InBsdXMifX0.c2ln"
    /// Account `acct-in-id-token`, no exp.
    static let idJWT =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6InRlc3RlckBleGFtcGxlLm9yZyIsImh0dHBzOi8vYXBpLm9wZW5haS5jb20vYXV0aCI6eyJjaGF0Z3B0X2FjY291bnRfaWQiOiJhY2N0LWluLWlkLXRva2VuIn19.c2ln"
    /// The refreshed access token in `codex/oauth-token.refresh.json` (exp 1775864000).
    static let refreshedJWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhdXRoMHx0ZXN0ZXIiLCJleHAiOjE3NzU4NjQwMDB9.c2ln"
}
