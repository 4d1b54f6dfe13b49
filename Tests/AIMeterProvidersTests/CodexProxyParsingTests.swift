import AIMeterCore
@testable import AIMeterProviders
import Foundation
import Testing

@Suite("codex-proxy: mapping quota answers")
struct CodexProxyParsingTests {
    typealias H = RelaysHarness

    static func single(_ fixture: String) throws -> UsageSnapshot {
        try CodexProxyQuotaParser.singleAccount(try H.data(fixture), now: H.now)
    }

    static func single(json: String) throws -> UsageSnapshot {
        try CodexProxyQuotaParser.singleAccount(Data(json.utf8), now: H.now)
    }

    @Test func rawRateLimitWindowsAreMappedLikeTheCodexAdapter() throws {
        let snapshot = try Self.single("codex-proxy/quota.v12-windows.json")
        #expect(snapshot.items == [
            ProgressItem(name: "Session", desc: "5 hours window", usedPercent: 41, remainingPercent: 59, windowMinutes: 300,
                         resetsAt: 1_773_494_400),
            ProgressItem(name: "Weekly", desc: "1 week window", usedPercent: 63.5, remainingPercent: 36.5, windowMinutes: 10080,
                         resetsAt: 1_773_986_400),
            ProgressItem(name: "Additional Session", desc: "5 hours window for GPT-5.3-Codex-Spark", usedPercent: 7,
                         remainingPercent: 93, windowMinutes: 300, resetsAt: 1_773_496_800),
        ])
        #expect(snapshot.cost == Cost(remaining: 18.4, currency: "USD"))
        #expect(snapshot.identity == Identity(plan: "plus"))
        #expect(snapshot.updatedAt == H.now)
    }

    @Test func summaryFieldsGiveOneQuotaItem() throws {
        let snapshot = try Self.single("codex-proxy/quota.v11-summary.json")
        #expect(snapshot.items == [ProgressItem(name: "Quota", usedPercent: 15.5, remainingPercent: 84.5, resetsAt: 1_773_619_200)])
        #expect(snapshot.cost == nil)
        #expect(snapshot.identity == Identity(plan: "pro"))
    }

    @Test func limitReachedIsExhaustedWithTheRawPrimaryReset() throws {
        let snapshot = try Self.single("codex-proxy/quota.limit-reached.json")
        #expect(snapshot.items == [ProgressItem(name: "Quota", usedPercent: 100, remainingPercent: 0, resetsAt: 1_773_496_800)])
        #expect(snapshot.identity == Identity(plan: "team"))
    }

    @Test func remainingAloneGivesTheUsedShareAndResetAfterSeconds() throws {
        let snapshot = try Self.single("codex-proxy/quota.remaining-string.json")
        #expect(snapshot.items == [ProgressItem(name: "Quota", usedPercent: 37.5, remainingPercent: 62.5, resetsAt: 1_773_487_800)])
        #expect(snapshot.identity == Identity(plan: "free"))
    }

    @Test(arguments: [
        (#"{"percentage": 130}"#, 100.0), (#"{"percentage": -4, "remaining": 10}"#, 0), (#"{"totalTokenUsage": 12.346}"#, 12.35),
        (#"{"remaining": 140}"#, 0), (#"{"allowed": false, "percentage": 20}"#, 100), (#"{"percentage": null, "remaining": 70}"#, 30),
    ])
    func percentagesAreNormalizedToZeroThroughHundred(_ usage: String, _ used: Double) throws {
        let snapshot = try Self.single(json: #"{"success": true, "quota": {"usage": \#(usage)}}"#)
        #expect(snapshot.items.map(\.usedPercent) == [used])
        #expect(snapshot.items.map(\.remainingPercent) == [JSNumber.roundPercentage(100 - used)])
    }

    @Test func unavailableUsageIsADecodingErrorNotZeros() throws {
        #expect(H.parsingError { try Self.single("codex-proxy/quota.unavailable.json") } == .decoding(
            path: "quota.usage", message: "codex-proxy reports no usage data for this account"))
        #expect(H.parsingError { try Self.single(json: #"{"success": true, "quota": {"usage": {"allowed": true}}}"#) } == .decoding(
            path: "quota.usage",
            message: "codex-proxy reports no usage percentage (percentage, totalTokenUsage and remaining are missing)"))
        #expect(H.parsingError { try Self.single(json: #"{"success": true, "email": "x", "quota": null, "cached": true}"#) } == .decoding(
            path: "quota", message: "codex-proxy has no quota data for this account yet"))
    }

    @Test func failureInsideA200IsAnUpstreamError() {
        #expect(H.parsingError { try Self.single("codex-proxy/quota.failure-200.json") } == .upstreamError(
            "codex-proxy could not read the quota: Failed to refresh token: invalid_grant"))
    }

    @Test func allAccountsPrefixItemsWithTheEmailAndSkipAccountsWithoutData() throws {
        let snapshot = try CodexProxyQuotaParser.allAccounts(try H.data("codex-proxy/quota-all.v11.json"), now: H.now)
        #expect(snapshot.items == [
            ProgressItem(name: "a@example.org Quota", usedPercent: 22, remainingPercent: 78, resetsAt: 1_773_496_800),
            ProgressItem(name: "c@example.org Session", desc: "5 hours window", usedPercent: 100, remainingPercent: 0, windowMinutes: 300,
                         resetsAt: 1_773_490_000),
            ProgressItem(name: "c@example.org Weekly", desc: "1 week window", usedPercent: 88, remainingPercent: 12, windowMinutes: 10080,
                         resetsAt: 1_773_986_400),
        ])
        #expect(snapshot.cost == nil)
        #expect(snapshot.identity == Identity(plan: "plus, pro"))
    }

    @Test func allAccountsWithoutAnyDataIsADecodingError() {
        let body = Data(#"{"accounts": [{"email": "a@example.org", "quota": null}]}"#.utf8)
        #expect(H.parsingError { try CodexProxyQuotaParser.allAccounts(body, now: H.now) } == .decoding(
            path: "accounts", message: "no codex-proxy account has quota data yet"))
        #expect(H.parsingError { try CodexProxyQuotaParser.allAccounts(Data(#"{"accounts": 3}"#.utf8), now: H.now) } == .decoding(
            path: "accounts", message: "expected an array, found a number"))
    }
}
