import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("OpenRouter parsing")
struct OpenRouterParsingTests {
    typealias H = KeysAndBalancesHarness
    /// 2026-03-08T06:06:40Z is a Sunday.
    static let sunday = H.now

    @Test func totalCreditsItemAndBalanceCost() throws {
        let credits = try OpenRouterParser.totalCredits(from: try H.json("openrouter/credits.json"))
        #expect(
            credits.item
                == ProgressItem(name: "Total Credits", desc: "total window", usedPercent: 69.4, remainingPercent: 30.6, used: 17.35, limit: 25))
        #expect(credits.cost == Cost(used: 17.35, limit: 25, remaining: 7.65, currency: "USD"))
    }

    @Test func missingCreditsNameTheField() {
        #expect(throws: ProviderError.decoding(path: "data.total_credits", message: "missing or not a number")) {
            try OpenRouterParser.totalCredits(from: ["data": ["total_usage": 1]])
        }
        #expect(throws: ProviderError.decoding(path: "data.total_credits", message: "missing or not a number")) {
            try OpenRouterParser.totalCredits(from: try H.json("openrouter/unauthorized.json"))
        }
    }

    @Test(arguments: [
        // Lifetime usage is 40.2, but today 7.75 of 10 are left: 2.25 used, 22.5 %.
        ParsingExample(
            "daily key uses the remaining budget of today", fixture: "openrouter/key.daily.json",
            expected: ProgressItem(
                name: "Daily Credits", desc: "1 day window", usedPercent: 22.5, remainingPercent: 77.5, used: 2.25, limit: 10,
                resetsAt: 1_773_014_400)),
        // AIMeter would report 60 % of a "limit" of 12.5 (the remaining budget).
        ParsingExample(
            "weekly key percent is against the key limit", fixture: "openrouter/key.weekly-used.json",
            expected: ProgressItem(
                name: "Weekly Credits", desc: "7 days window", usedPercent: 37.5, remainingPercent: 62.5, used: 7.5, limit: 20,
                resetsAt: 1_773_014_400)),
        ParsingExample(
            "monthly key without remaining uses the period usage", fixture: "openrouter/key.monthly-period-usage.json",
            expected: ProgressItem(
                name: "Monthly Credits", desc: "30 days window", usedPercent: 25, remainingPercent: 75, used: 12.5, limit: 50,
                resetsAt: 1_775_001_600)),
    ])
    func keyItemFromFixture(_ example: ParsingExample<ProgressItem>) throws {
        #expect(OpenRouterParser.keyItem(from: try H.json(example.fixture), now: Self.sunday) == example.expected)
    }

    @Test func keyWithoutLimitGivesNoItemAndFreeTierPlan() throws {
        let body = try H.json("openrouter/key.no-limit.json")
        #expect(OpenRouterParser.keyItem(from: body, now: Self.sunday) == nil)
        #expect(OpenRouterParser.plan(fromKey: body) == "Free tier")
        #expect(OpenRouterParser.plan(fromKey: try H.json("openrouter/key.daily.json")) == "Pay as you go")
        #expect(OpenRouterParser.plan(fromKey: nil) == "Pay as you go")
    }

    @Test func keyWithoutResetIsATotalBudget() {
        let item = OpenRouterParser.keyItem(from: ["data": ["limit": 5, "usage": 6]], now: Self.sunday)
        #expect(
            item == ProgressItem(name: "Credits", desc: "total window", usedPercent: 120, remainingPercent: 0, used: 6, limit: 5))
    }

    @Test(arguments: [
        // (now, reset, expected) in unix seconds.
        (1_772_950_000, OpenRouterKeyReset.daily, 1_773_014_400),  // Sun 06:06 → Mon 00:00
        (1_773_014_400, .daily, 1_773_100_800),  // exactly midnight → next midnight
        (1_772_950_000, .weekly, 1_773_014_400),  // Sunday → next day (Monday)
        (1_773_014_400, .weekly, 1_773_619_200),  // Monday 00:00 → a week later
        (1_773_100_000, .weekly, 1_773_619_200),  // Monday 23:46 → next Monday
        (1_772_950_000, .monthly, 1_775_001_600),  // March → 1 April
        (1_798_675_200, .monthly, 1_798_761_600),  // 31 Dec 2026 → 1 Jan 2027
    ])
    func resetsAreComputedInUTC(now: Int, reset: OpenRouterKeyReset, expected: Int) {
        let next = reset.next(after: Date(timeIntervalSince1970: Double(now)))
        #expect(UpstreamTime.unixSeconds(next) == Int64(expected))
    }
}
