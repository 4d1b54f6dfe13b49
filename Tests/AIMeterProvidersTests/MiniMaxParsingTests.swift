import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("MiniMax parsing")
struct MiniMaxParsingTests {
    typealias H = KeysAndBalancesHarness

    @Test(arguments: [
        // 4500 calls, 4321 remaining: 179 used = 11.93 → 12 prompts of 300.
        ParsingExample(
            "prompt counts are remaining and divided by fifteen", fixture: "minimax/remains.json",
            expected: [
                ProgressItem(
                    name: "Prompt", desc: "5 hours window for models: MiniMax-M2, MiniMax-M2.5", usedPercent: 3.98,
                    remainingPercent: 96.02, used: 12, limit: 300, windowMinutes: 300, resetsAt: 1_772_953_200)
            ]),
        ParsingExample(
            "second timestamps and an idle window give no reset", fixture: "minimax/remains.highspeed-cn.json",
            expected: [
                ProgressItem(
                    name: "Prompt", desc: "5 hours window for models: MiniMax-M2.5-highspeed", usedPercent: 60,
                    remainingPercent: 40, used: 60, limit: 100, windowMinutes: 300, resetsAt: nil)
            ]),
        ParsingExample(
            "weekly cap becomes a weekly item", fixture: "minimax/remains.weekly.json",
            expected: [
                ProgressItem(
                    name: "Prompt", desc: "5 hours window for models: general", usedPercent: 0, remainingPercent: 100, used: 0,
                    limit: 1000, windowMinutes: 300, resetsAt: 1_772_953_200),
                ProgressItem(
                    name: "Weekly", desc: "1 week window", usedPercent: 40, remainingPercent: 60, used: 4000, limit: 10000,
                    windowMinutes: 10080, resetsAt: 1_773_014_400),
            ]),
    ])
    func itemsFromFixture(_ example: ParsingExample<[ProgressItem]>) throws {
        #expect(try MiniMaxRemainsParser.items(from: try H.json(example.fixture)) == example.expected)
    }

    @Test func weeklyStatusThreeMeansNoWeeklyCap() throws {
        let items = try MiniMaxRemainsParser.items(from: try H.json("minimax/remains.weekly-uncapped.json"))
        #expect(items.map(\.name) == ["Prompt"])
        #expect(items.first?.usedPercent == 75)
        #expect(items.first?.limit == 400)
    }

    @Test func weeklyBoostCanExceedOneHundredPercent() {
        let entry: JSONValue = ["current_weekly_total_count": 1500, "current_weekly_usage_count": -750, "current_weekly_status": 1]
        let weekly = MiniMaxRemainsParser.weeklyItem(entry)
        #expect(weekly?.usedPercent == 150)
        #expect(weekly?.remainingPercent == -50)
        #expect(weekly?.windowMinutes == 10080)
    }

    @Test func exhaustedPromptKeepsAZeroRemainingPercent() {
        let item = MiniMaxRemainsParser.item(name: "Prompt", total: 1500, remaining: 0)
        #expect(item.remainingPercent == 0)
        #expect(item.usedPercent == 100)
    }

    @Test func baseRespErrorsInsideHTTP200() throws {
        #expect(throws: Never.self) { try MiniMaxRemainsParser.checkStatus(try H.json("minimax/remains.json")) }
        #expect {
            try MiniMaxRemainsParser.checkStatus(try H.json("minimax/remains.error-1004.json"))
        } throws: { ($0 as? ProviderError)?.isAuthRequired == true }
        #expect(throws: ProviderError.upstreamError("MiniMax API error: invalid params, GroupId is required (code: 2013)")) {
            try MiniMaxRemainsParser.checkStatus(try H.json("minimax/remains.error-2013.json"))
        }
        #expect {
            try MiniMaxRemainsParser.checkStatus(["base_resp": ["status_code": 1002, "status_msg": "rate limit"]])
        } throws: { ($0 as? ProviderError)?.code == "RATE_LIMITED" }
    }

    @Test func missingRemainsNameTheField() {
        #expect(throws: ProviderError.decoding(path: "model_remains", message: "no usage data (empty or missing array)")) {
            try MiniMaxRemainsParser.items(from: ["model_remains": []])
        }
        #expect(throws: ProviderError.decoding(path: "model_remains[0].current_interval_usage_count", message: "missing or not a number")) {
            try MiniMaxRemainsParser.items(from: ["model_remains": [["current_interval_total_count": 10]]])
        }
    }

    @Test(arguments: [
        (300.0, "MiniMax-M2", MiniMaxRegion.global, "Plus"), (300, "MiniMax-M2", .cn, "Max"),
        (100, "MiniMax-M2.5-highspeed", .cn, "Plus-Highspeed"), (100, "MiniMax-M2.5-highspeed", .global, "Starter"),
        (300, "M2.5-High-Speed", .global, "Plus-High-Speed"), (1000, "x", .global, "Max"), (40, "x", .cn, "Starter"),
        (2000, "x", .global, "Ultra-High-Speed"),
    ])
    func planTableByLimitAndRegion(limit: Double, model: String, region: MiniMaxRegion, plan: String) {
        #expect(MiniMaxPlan.fromLimit(limit, firstModel: model, region: region) == plan)
    }

    @Test func planOutsideTheTableIsNil() {
        #expect(MiniMaxPlan.fromLimit(400, firstModel: "general", region: .global) == nil)
        #expect(MiniMaxPlan.fromLimit(40, firstModel: "general", region: .global) == nil)
        #expect(MiniMaxPlan.fromLimit(nil, firstModel: nil, region: .cn) == nil)
    }

    @Test func planFromCodingPlanPage() throws {
        #expect(MiniMaxPlan.fromHTML(try H.text("minimax/coding-plan.html")) == "Max")
        #expect(MiniMaxPlan.fromHTML(try H.text("minimax/coding-plan.regex.html")) == "Plus-High-Speed")
        #expect(MiniMaxPlan.fromHTML("<html><body>Subscribe to Coding Plan Starter today</body></html>") == "Starter today")
        #expect(MiniMaxPlan.fromHTML("<html></html>") == nil)
    }

    @Test func planFromResponseTitles() {
        #expect(MiniMaxRemainsParser.responsePlan(from: ["data": ["plan_name": " Plus "]]) == "Plus")
        #expect(MiniMaxRemainsParser.responsePlan(from: ["data": ["current_combo_card": ["title": "Max"]]]) == "Max")
        #expect(MiniMaxRemainsParser.responsePlan(from: [:]) == nil)
    }

    @Test func regionsResolveFromConfigValues() {
        #expect(MiniMaxRegion.resolve(nil) == .global)
        #expect(MiniMaxRegion.resolve(" MiniMax_CN ") == .cn)
        #expect(MiniMaxRegion.resolve("cn") == .cn)
        #expect(MiniMaxRegion.resolve("global") == .global)
        #expect(MiniMaxRegion.resolve("china") == nil)
    }
}
