import AIMeterCore
import Foundation

/// Pure mapping of AceData proxy call records to a snapshot.
///
/// The balance is `remaining_amount` of the newest record. Spend is the sum of `used_amount`
/// over the current UTC day and month. Both are in the units AceData bills the application in
/// (credits or calls), not necessarily money: the currency is only what `options.currency` says.
/// A balance has no percentage, so items exist only for budgets the operator configured.
struct AceDataSpend: Sendable {
    /// Operator settings that shape the snapshot.
    struct Settings: Sendable, Equatable {
        var currency: String?
        var dailyBudget: Double?
        var monthlyBudget: Double?
    }

    /// Start of the current UTC month and day, and of the next ones, at `now`.
    struct Periods: Sendable, Equatable {
        var monthStart: Date
        var nextMonthStart: Date
        var dayStart: Date
        var nextDayStart: Date
        /// `created_at_from` for the month query, e.g. `2026-03-01T00:00:00Z`.
        var monthStartISO: String

        init(now: Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
            let month = calendar.dateComponents([.year, .month], from: now)
            monthStart = calendar.date(from: month) ?? now
            nextMonthStart = calendar.date(byAdding: .month, value: 1, to: monthStart) ?? now
            dayStart = calendar.startOfDay(for: now)
            nextDayStart = dayStart.addingTimeInterval(86_400)
            monthStartISO = String(format: "%04d-%02d-01T00:00:00Z", month.year ?? 1970, month.month ?? 1)
        }
    }

    var settings: Settings

    /// The snapshot.
    ///
    /// - Parameters:
    ///   - monthRecords: This month's records as fetched.
    ///   - isComplete: Whether every record of the month was fetched; when not, spend is unknown
    ///     and left out rather than under-reported.
    ///   - newest: The newest record found (this month, or before it when the month has none).
    func snapshot(monthRecords: [AceDataRecord], isComplete: Bool, newest: AceDataRecord, now: Date) throws -> UsageSnapshot {
        guard let balance = newest.remainingAmount else {
            throw ProviderError.decoding(path: "\(newest.path).remaining_amount", message: "expected a number on the newest record")
        }
        let periods = Periods(now: now)
        guard isComplete else {
            return UsageSnapshot(items: [], cost: Cost(remaining: balance, currency: settings.currency), updatedAt: now)
        }
        let month = monthRecords.filter { $0.createdAt >= periods.monthStart && $0.createdAt < periods.nextMonthStart }
        let monthSpend = CustomAmount.rounded(month.reduce(0) { $0 + $1.usedAmount })
        let daySpend = CustomAmount.rounded(month.filter { $0.createdAt >= periods.dayStart }.reduce(0) { $0 + $1.usedAmount })
        var items: [ProgressItem] = []
        if let budget = settings.dailyBudget {
            items.append(budgetItem("Daily Spend", spend: daySpend, budget: budget, from: periods.dayStart, to: periods.nextDayStart))
        }
        if let budget = settings.monthlyBudget {
            items.append(budgetItem("Monthly Spend", spend: monthSpend, budget: budget, from: periods.monthStart, to: periods.nextMonthStart))
        }
        return UsageSnapshot(
            items: items,
            cost: Cost(used: monthSpend, remaining: balance, currency: settings.currency, period: "monthly"),
            updatedAt: now
        )
    }

    /// Spend against an operator-set budget: the only honest percentage for a balance account.
    func budgetItem(_ name: String, spend: Double, budget: Double, from start: Date, to end: Date) -> ProgressItem {
        let usedPercent = JSNumber.roundPercentage(spend / budget * 100)
        return ProgressItem(
            name: name,
            usedPercent: usedPercent,
            remainingPercent: JSNumber.roundPercentage(Swift.max(0, 100 - usedPercent)),
            used: spend,
            limit: budget,
            windowMinutes: end.timeIntervalSince(start) / 60,
            resetsAt: UpstreamTime.unixSeconds(end)
        )
    }

    /// The newest of `records` by `created_at` (the first of equals).
    static func newest(_ records: [AceDataRecord]) -> AceDataRecord? {
        records.reduce(nil) { best, record in
            guard let best else { return record }
            return record.createdAt > best.createdAt ? record : best
        }
    }
}
