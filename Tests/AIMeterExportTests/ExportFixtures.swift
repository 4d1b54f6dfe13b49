import AIMeterCore
import AIMeterExport
import Foundation

/// The data behind the verified samples of reference/api.md §3.5–§3.9, reconstructed from the
/// samples and their explanations.
enum ExportFixtures {
    /// 2025-03-13T00:00:00Z, the request time of every sample.
    static let now: Int64 = 1_741_824_000
    /// 2025-03-13T01:00:00Z, when openrouter and zai were last stored.
    static let oneHourLater: Int64 = 1_741_827_600

    static let claude = ExportEntry.usage(
        ExportProvider(id: "prov_abc123", type: .claude, name: "My Claude"),
        ExportUsage(
            items: [
                ProgressItem(
                    name: "Session", usedPercent: 45.5, remainingPercent: 54.5, used: 225, limit: 500,
                    windowMinutes: 300, resetsAt: 1_741_910_400, resetDescription: "Resets in 5h"),
                // 3.125 is an exact binary tie: JavaScript's toFixed(2) gives 3.13.
                ProgressItem(
                    name: "Weekly", desc: "7 days window", usedPercent: 12.3, remainingPercent: 87.7, used: 3.125,
                    limit: 25.004, windowMinutes: 10080, resetsAt: 1_742_342_400),
                ProgressItem(name: #"Opus | "x" <y> & z"#, desc: "7 days window for Opus", usedPercent: 1.2, windowMinutes: 10080),
                ProgressItem(name: "Fourth", usedPercent: 2.5),
            ],
            cost: Cost(used: 12.5, limit: 100, remaining: 87.5, currency: "USD", period: "monthly"),
            plan: "Pro",
            updatedAt: now))

    static let kimi = ExportEntry.noData(ExportProvider(id: "prov_k", type: .kimi), now: now)

    static let openrouter = ExportEntry.usage(
        ExportProvider(id: "prov_or", type: .openrouter, name: "中文名字很长很长很长很长很长很长很长"),
        ExportUsage(
            items: [ProgressItem(name: "Daily Credits", usedPercent: 33.33, remainingPercent: 66.67, used: 3.333, limit: 10, windowMinutes: 90)],
            updatedAt: oneHourLater))

    static let zai = ExportEntry.usage(
        ExportProvider(id: "prov_e", type: .zai, name: "Empty", region: "global"),
        ExportUsage(items: [], updatedAt: oneHourLater))

    /// The four providers of the table and Markdown samples, in display order.
    static let all = [claude, kimi, openrouter, zai]

    static func query(
        _ format: ExportFormat, pretty: Bool = true, timezone: String = "UTC", providers: String = "all"
    ) throws -> ExportQuery {
        try ExportQueryParser.parse(format: format.rawValue, pretty: "\(pretty)", timezone: timezone, providers: providers).get()
    }
}
