import AIMeterCore
@testable import AIMeterProviders
import Foundation
import Testing

@Suite("AceData: records to balance and spend")
struct AceDataParsingTests {
    typealias H = RelaysHarness

    static func records() throws -> [AceDataRecord] {
        try AceDataUsagePage.parse(try H.data("acedata/usage.page1.json")).records
            + AceDataUsagePage.parse(try H.data("acedata/usage.page2.json")).records
    }

    @Test func pagesParseCountAndRecords() throws {
        let page = try AceDataUsagePage.parse(try H.data("acedata/usage.page2.json"))
        #expect(page.count == 5)
        #expect(page.records.map(\.usedAmount) == [0.5, 3])
        #expect(page.records.map(\.remainingAmount) == [791, 798])
        #expect(page.records.map(\.path) == ["results[0]", "results[1]"])
        // Microseconds are kept to the millisecond, like JavaScript's Date.
        #expect(page.records.map { ($0.createdAt.timeIntervalSince1970 * 1000).rounded() } == [1_773_481_630_002, 1_772_323_205_000])
        #expect(try AceDataUsagePage.parse(try H.data("acedata/usage.empty.json")) == AceDataUsagePage(count: 0, records: []))
    }

    @Test func periodsAreUTCDayAndMonth() {
        let periods = AceDataSpend.Periods(now: H.now)
        #expect(periods.monthStart == Date(timeIntervalSince1970: 1_772_323_200))
        #expect(periods.nextMonthStart == Date(timeIntervalSince1970: 1_775_001_600))
        #expect(periods.dayStart == Date(timeIntervalSince1970: 1_773_446_400))
        #expect(periods.nextDayStart == Date(timeIntervalSince1970: 1_773_532_800))
        #expect(periods.monthStartISO == "2026-03-01T00:00:00Z")
        let december = AceDataSpend.Periods(now: Date(timeIntervalSince1970: 1_798_761_599))  // 2026-12-31T23:59:59Z
        #expect(december.monthStartISO == "2026-12-01T00:00:00Z")
        #expect(december.nextMonthStart == Date(timeIntervalSince1970: 1_798_761_600))
    }

    @Test func balanceIsTheNewestRecordAndSpendSumsDayAndMonth() throws {
        let records = try Self.records()
        let newest = try #require(AceDataSpend.newest(records))
        #expect(newest.remainingAmount == 791)
        let spend = AceDataSpend(settings: .init(currency: nil, dailyBudget: nil, monthlyBudget: nil))
        let snapshot = try spend.snapshot(monthRecords: records, isComplete: true, newest: newest, now: H.now)
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.cost == Cost(used: 8, remaining: 791, period: "monthly"))
        #expect(snapshot.identity == nil)
        #expect(snapshot.isPersistable)
    }

    @Test func budgetsGiveHonestPercentages() throws {
        let records = try Self.records()
        let spend = AceDataSpend(settings: .init(currency: "USD", dailyBudget: 5, monthlyBudget: 40))
        let snapshot = try spend.snapshot(monthRecords: records, isComplete: true, newest: try #require(AceDataSpend.newest(records)), now: H.now)
        #expect(snapshot.items == [
            ProgressItem(name: "Daily Spend", usedPercent: 35, remainingPercent: 65, used: 1.75, limit: 5, windowMinutes: 1440,
                         resetsAt: 1_773_532_800),
            ProgressItem(name: "Monthly Spend", usedPercent: 20, remainingPercent: 80, used: 8, limit: 40, windowMinutes: 44640,
                         resetsAt: 1_775_001_600),
        ])
        #expect(snapshot.cost == Cost(used: 8, remaining: 791, currency: "USD", period: "monthly"))
    }

    @Test func incompleteMonthLeavesSpendOut() throws {
        let records = try Self.records()
        let spend = AceDataSpend(settings: .init(currency: nil, dailyBudget: 5, monthlyBudget: nil))
        let snapshot = try spend.snapshot(monthRecords: records, isComplete: false, newest: try #require(AceDataSpend.newest(records)), now: H.now)
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.cost == Cost(remaining: 791))
    }

    @Test func recordsOutsideTheMonthAreNotCounted() throws {
        let march = AceDataRecord(usedAmount: 2, remainingAmount: 10, createdAt: Date(timeIntervalSince1970: 1_773_400_000), path: "results[0]")
        let february = AceDataRecord(usedAmount: 7, remainingAmount: 12, createdAt: Date(timeIntervalSince1970: 1_772_000_000), path: "results[1]")
        let snapshot = try AceDataSpend(settings: .init()).snapshot(monthRecords: [march, february], isComplete: true, newest: march, now: H.now)
        #expect(snapshot.cost == Cost(used: 2, remaining: 10, period: "monthly"))
    }

    @Test func decodingErrorsNameTheField() throws {
        #expect(H.parsingError { try AceDataUsagePage.parse(try H.data("acedata/usage.bad-record.json")) } == .decoding(
            path: "results[1].used_amount", message: "expected a number, found null"))
        #expect(H.parsingError { try AceDataUsagePage.parse(Data(#"{"count": 1, "results": [{"used_amount": 1, "created_at": "yesterday"}]}"#.utf8)) }
            == .decoding(path: "results[0].created_at", message: "expected an ISO-8601 time, found a string"))
        #expect(H.parsingError { try AceDataUsagePage.parse(Data(#"{"results": []}"#.utf8)) } == .decoding(
            path: "count", message: "expected a whole number, found missing"))
        let noBalance = AceDataRecord(usedAmount: 1, remainingAmount: nil, createdAt: H.now, path: "results[4]")
        #expect(H.parsingError { try AceDataSpend(settings: .init()).snapshot(monthRecords: [noBalance], isComplete: true, newest: noBalance, now: H.now) }
            == .decoding(path: "results[4].remaining_amount", message: "expected a number on the newest record"))
    }

    @Test func errorDetailInA200IsAnUpstreamError() {
        #expect(H.parsingError { try AceDataUsagePage.parse(try H.data("acedata/usage.error-200.json")) } == .upstreamError(
            "AceData reported an error: Authentication credentials were not provided."))
        #expect(H.parsingError { try AceDataUsagePage.parse(Data(#"{"error": {"message": "token tok-123456 revoked"}}"#.utf8), redacting: ["tok-123456"]) }
            == .upstreamError("AceData reported an error: token [redacted] revoked"))
    }
}
