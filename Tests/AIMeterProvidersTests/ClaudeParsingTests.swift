import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Claude parsing")
struct ClaudeParsingTests {
    let now = SubscriptionHarness.now

    @Test func proPlanHidesSonnetAndKeepsSmallUtilizationAsPercent() throws {
        let snapshot = try ClaudeOAuthParser.snapshot(
            try SubscriptionHarness.data("claude/oauth-usage.pro.json"), plan: "claude_pro", now: now
        )

        #expect(snapshot.items == [
            ProgressItem(name: "Session", desc: "5 hours window", usedPercent: 0.5, windowMinutes: 300),
            ProgressItem(name: "Weekly", desc: "7 days window", usedPercent: 22, windowMinutes: 10080, resetsAt: 1_775_149_200),
        ])
        #expect(snapshot.cost == nil)
        #expect(snapshot.identity == Identity(plan: "claude_pro"))
        #expect(snapshot.updatedAt == now)
    }

    @Test func unknownPlanShowsSonnet() throws {
        let snapshot = try ClaudeOAuthParser.snapshot(try SubscriptionHarness.data("claude/oauth-usage.pro.json"), plan: nil, now: now)

        #expect(snapshot.items.map(\.name) == ["Session", "Weekly", "Weekly Sonnet"])
        #expect(snapshot.items[2] == ProgressItem(
            name: "Weekly Sonnet", desc: "7 days window", usedPercent: 3, windowMinutes: 10080, resetsAt: 1_775_149_200
        ))
        #expect(snapshot.identity == Identity(plan: nil))
    }

    @Test func maxPlanMapsModelWindowsLimitsAndExtraUsage() throws {
        let snapshot = try ClaudeOAuthParser.snapshot(
            try SubscriptionHarness.data("claude/oauth-usage.max.json"), plan: "Claude Max 20x", now: now
        )

        #expect(snapshot.items == [
            ProgressItem(name: "Session", desc: "5 hours window", usedPercent: 41.25, windowMinutes: 300, resetsAt: 1_775_048_400),
            ProgressItem(name: "Weekly", desc: "7 days window", usedPercent: 1, windowMinutes: 10080, resetsAt: 1_775_466_000),
            ProgressItem(name: "Weekly Sonnet", desc: "7 days window", usedPercent: 18, windowMinutes: 10080, resetsAt: 1_775_466_000),
            ProgressItem(name: "Weekly Opus", desc: "7 days window", usedPercent: 9.5, windowMinutes: 10080, resetsAt: 1_775_466_000),
            ProgressItem(name: "Weekly Opus 4.5", desc: "7 days window", usedPercent: 27.5, windowMinutes: 10080, resetsAt: 1_775_466_000),
        ])
        // Cents, no second division for limits of $1000 and more.
        #expect(snapshot.cost == Cost(used: 43.21, limit: 2000, remaining: 2000 - 43.21, currency: "EUR", period: "Monthly"))
        #expect(snapshot.identity == Identity(plan: "Claude Max 20x"))
    }

    @Test func oauthAppsWindowStandsInForMissingWeekly() throws {
        let snapshot = try ClaudeOAuthParser.snapshot(
            try SubscriptionHarness.data("claude/oauth-usage.oauth-apps.json"), plan: "max", now: now
        )

        #expect(snapshot.items == [
            ProgressItem(name: "Weekly", desc: "7 days window", usedPercent: 66.67, windowMinutes: 10080, resetsAt: 1_775_174_400),
        ])
        #expect(snapshot.cost == Cost(used: 25, limit: 25, remaining: 0, currency: "USD", period: "Monthly"))
    }

    @Test func rejectsBodiesThatAreNotObjects() {
        #expect(throws: ProviderError.decoding(path: "", message: "expected an object, found an array")) {
            try ClaudeOAuthParser.snapshot(Data("[]".utf8), plan: nil, now: now)
        }
        #expect(throws: ProviderError.self) {
            try ClaudeOAuthParser.snapshot(Data("{\"five_hour\":".utf8), plan: nil, now: now)
        }
    }

    @Test func profilePlanReadsNestedAndTopLevelShapes() throws {
        #expect(ClaudePlan.fromProfile(try SubscriptionHarness.data("claude/oauth-profile.json")) == "Claude Max 20x")
        #expect(ClaudePlan.fromProfile(try SubscriptionHarness.data("claude/oauth-profile.top-level.json")) == "Claude Pro")
        #expect(ClaudePlan.fromProfile(Data(#"{"account":{"has_claude_max":true}}"#.utf8)) == "Claude Max")
        #expect(ClaudePlan.fromProfile(Data("{}".utf8)) == nil)
    }

    @Test func webOrganizationPrefersChatCapability() throws {
        let (uuid, _) = try ClaudeWebParser.organization(try SubscriptionHarness.data("claude/web-organizations.json"))

        #expect(uuid == "bbbb1111-2222-4333-8444-chat00000000")
        #expect(throws: ProviderError.upstreamError("No Claude organizations found")) {
            try ClaudeWebParser.organization(Data("[]".utf8))
        }
        #expect(throws: ProviderError.decoding(path: "[0].uuid", message: "expected a string, found missing")) {
            try ClaudeWebParser.organization(Data(#"[{"capabilities":["chat"]}]"#.utf8))
        }
    }

    @Test func webUsageUtilizationAndCountsShape() throws {
        let items = try ClaudeWebParser.items(try SubscriptionHarness.data("claude/web-usage.json"))

        #expect(items == [
            ProgressItem(name: "Session", usedPercent: 0.75, windowMinutes: 300, resetsAt: 1_775_055_600),
            ProgressItem(name: "Weekly", usedPercent: 25, used: 120, limit: 480, windowMinutes: 10080, resetsAt: 1_775_376_000),
        ])
    }

    @Test func webUsageLimitsShape() throws {
        let items = try ClaudeWebParser.items(try SubscriptionHarness.data("claude/web-usage.limits.json"))

        #expect(items == [
            ProgressItem(name: "Session", usedPercent: 75, used: 45, limit: 60, windowMinutes: 300, resetsAt: 1_775_055_600),
            ProgressItem(name: "Weekly", usedPercent: 20.83, used: 250, limit: 1200, windowMinutes: 10080, resetsAt: 1_775_376_000),
        ])
    }

    @Test func webPlanAndOverageCost() throws {
        let (_, org) = try ClaudeWebParser.organization(try SubscriptionHarness.data("claude/web-organizations.json"))

        #expect(ClaudeWebParser.plan(account: try SubscriptionHarness.data("claude/web-account.json"), selectedOrg: org) == "Claude Max")
        // Without the account, the selected org's tier (`default_claude_ai`) with stripe billing means Pro.
        #expect(ClaudeWebParser.plan(account: nil, selectedOrg: org) == "Claude Pro")
        #expect(ClaudeWebParser.cost(try SubscriptionHarness.data("claude/web-overage-spend-limit.json"))
            == Cost(used: 25.75, limit: 100, remaining: 74.25, currency: "USD", period: "Monthly"))
        #expect(ClaudeWebParser.cost(try SubscriptionHarness.data("claude/web-overage-spend-limit.null.json")) == nil)
    }

    @Test func cookieNormalization() {
        #expect(ClaudeCookie.header(from: "sk-ant-sid01-abc") == "sessionKey=sk-ant-sid01-abc")
        #expect(ClaudeCookie.header(from: "cookie: lang=en; sessionKey=\"sk-ant-sid01-x\"; Path=/; lang=de; cf=1")
            == "sessionKey=sk-ant-sid01-x; lang=de; cf=1")
        #expect(ClaudeCookie.header(from: "sessionKey=abc") == nil)
        #expect(ClaudeCookie.header(from: "") == nil)
    }
}
