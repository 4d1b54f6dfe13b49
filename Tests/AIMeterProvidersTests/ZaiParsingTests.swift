import AIMeterCore
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("z.ai parsing")
struct ZaiParsingTests {
    typealias H = KeysAndBalancesHarness

    @Test func windowsAreClassifiedByUnitNotByOrder() throws {
        // The weekly entry comes first in the body; unit 6 still makes it Weekly, after Session.
        let body = try H.json("zai/quota-limit.json")
        #expect(
            try ZaiQuotaParser.items(from: body) == [
                ProgressItem(name: "Session", usedPercent: 37, remainingPercent: 63, windowMinutes: 300, resetsAt: 1_772_972_703),
                ProgressItem(name: "Weekly", usedPercent: 81, remainingPercent: 19, windowMinutes: 10080, resetsAt: 1_772_950_000),
                ProgressItem(
                    name: "Web Searches", usedPercent: 31.25, remainingPercent: 68.75, used: 1250, limit: 4000, windowMinutes: 43200,
                    resetsAt: 1_775_255_242),
            ])
        #expect(ZaiQuotaParser.plan(from: body) == "Max")
    }

    @Test func legacyShapeWithStringNumbersAndSecondResets() throws {
        let body = try H.json("zai/quota-limit.legacy.json")
        #expect(
            try ZaiQuotaParser.items(from: body) == [
                ProgressItem(
                    name: "Session", usedPercent: 25, remainingPercent: 75, used: 20_000_000, limit: 80_000_000, windowMinutes: 300,
                    resetsAt: 1_772_972_703),
                ProgressItem(name: "Web Searches", usedPercent: 4, remainingPercent: 96, used: 12, limit: 300, windowMinutes: 43200),
            ])
        #expect(ZaiQuotaParser.plan(from: body) == "GLM Coding Pro")
    }

    @Test(arguments: [(1, 1.0, 1440.0), (3, 5, 300), (5, 1, 43200), (6, 1, 10080), (6, 2, 20160)])
    func unitLengths(unit: Int, number: Double, minutes: Double) {
        #expect(ZaiQuotaParser.windowMinutes(unit: unit, number: number) == minutes)
    }

    @Test func unknownUnitOrNoNumberGivesNoWindow() {
        #expect(ZaiQuotaParser.windowMinutes(unit: 2, number: 1) == nil)
        #expect(ZaiQuotaParser.windowMinutes(unit: 3, number: 0) == nil)
        #expect(ZaiQuotaParser.windowMinutes(unit: nil, number: 5) == nil)
    }

    @Test func dailyMonthlyAndOtherTokenWindowsGetTheirOwnNames() throws {
        let body: JSONValue = [
            "data": [
                "limits": [
                    ["type": "tokens_limit", "unit": 9, "number": 1, "percentage": 1],
                    ["type": "TOKENS_LIMIT", "unit": 5, "number": 1, "percentage": 120],
                    ["name": "TOKENS_LIMIT", "unit": 1, "number": 1, "percentage": -4],
                ]
            ]
        ]
        let items = try ZaiQuotaParser.items(from: body)
        #expect(items.map(\.name) == ["Daily", "Monthly", "Tokens"])
        #expect(items.map(\.usedPercent) == [0, 100, 1])
        #expect(items.map(\.windowMinutes) == [1440, 43200, nil])
    }

    @Test func usedIsClampedToTheLimit() {
        let entry: JSONValue = ["usage": 100, "currentValue": 150, "remaining": -20]
        let item = ZaiQuotaParser.item(named: "Web Searches", from: entry, unit: 5)
        #expect(item.used == 100)
        #expect(item.usedPercent == 100)
        #expect(item.remainingPercent == 0)
    }

    @Test func errorsInsideHTTP200() throws {
        #expect(throws: Never.self) { try ZaiQuotaParser.checkEnvelope(try H.json("zai/quota-limit.json")) }
        #expect {
            try ZaiQuotaParser.checkEnvelope(try H.json("zai/quota-limit.error.json"))
        } throws: { ($0 as? ProviderError)?.isAuthRequired == true }
        #expect(throws: ProviderError.upstreamError("z.ai error: Internal Error (code: 500)")) {
            try ZaiQuotaParser.checkEnvelope(try H.json("zai/quota-limit.error-500.json"))
        }
        #expect {
            try ZaiQuotaParser.checkEnvelope(["code": 1303, "msg": "too frequent"])
        } throws: { ($0 as? ProviderError)?.code == "RATE_LIMITED" }
        #expect(throws: ProviderError.upstreamError("z.ai error: z.ai API returned an error")) {
            try ZaiQuotaParser.checkEnvelope(["success": false])
        }
    }

    @Test func noLimitsIsADecodingErrorNamingTheField() throws {
        #expect(throws: ProviderError.decoding(path: "data.limits", message: "no TOKENS_LIMIT or TIME_LIMIT entries")) {
            try ZaiQuotaParser.items(from: try H.json("zai/quota-limit.no-limits.json"))
        }
    }

    @Test func planPrefersNamedFieldsThenLevel() {
        #expect(ZaiQuotaParser.plan(from: ["data": ["planType": "Lite", "level": "pro"]]) == "Lite")
        #expect(ZaiQuotaParser.plan(from: ["payload": ["level": "pro"]]) == "Pro")
        #expect(ZaiQuotaParser.plan(from: ["data": ["level": ""]]) == nil)
    }

    @Test func regionsResolveFromConfigValues() {
        #expect(ZaiRegion.resolve(nil) == .global)
        #expect(ZaiRegion.resolve("zai_global") == .global)
        for value in ["zai_bigmodel_cn", "cn", "China", "bigmodel-cn"] {
            #expect(ZaiRegion.resolve(value) == .bigmodelCN)
        }
        #expect(ZaiRegion.resolve("eu") == nil)
    }
}
