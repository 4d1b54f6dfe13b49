import AIMeterCore
import AIMeterExport
import Foundation

/// Renders `aimeter status` as a terminal table with usage bars and reset countdowns.
struct StatusTable {
    /// Whether to emit ANSI colours.
    var colors: Bool
    /// Width of the usage bar in cells.
    var barWidth = 20

    /// The whole table for `statuses` as of `now`.
    func render(_ statuses: [ProviderStatus], now: Date) -> String {
        var rows: [[String]] = [["PROVIDER", "NAME", "ITEM", "USED", "", "RESETS IN", "UPDATED"]]
        var notes: [String] = []
        for status in statuses {
            let provider = status.provider
            let name = provider.name ?? "-"
            let updated = status.snapshot.map { Self.age(from: $0.createdAt, to: now) } ?? "never"
            let items = status.snapshot?.items ?? []
            if items.isEmpty {
                let text = status.snapshot?.cost.map(Self.describeCost) ?? "(no data yet)"
                rows.append([provider.type.rawValue, name, text, "", "", "", updated])
            }
            for (index, item) in items.enumerated() {
                let first = index == 0
                rows.append([
                    first ? provider.type.rawValue : "",
                    first ? name : "",
                    item.name,
                    bar(item.usedPercent),
                    "\(JSNumber.format(JSNumber.round(item.usedPercent)))%",
                    item.resetsAt.map { Self.countdown(to: Date(timeIntervalSince1970: Double($0)), from: now) } ?? "-",
                    first ? updated : "",
                ])
            }
            if !items.isEmpty, let cost = status.snapshot?.cost {
                rows.append(["", "", Self.describeCost(cost), "", "", "", ""])
            }
            if status.state.authRequired {
                notes.append(paint("\(provider.id): re-authentication required (\(status.state.lastFailureReason ?? "credential refused"))", code: "31"))
            } else if status.state.consecutiveFailures > 0 {
                let reason = status.state.lastFailureReason ?? "unknown error"
                notes.append(paint("\(provider.id): \(status.state.consecutiveFailures) failed poll(s) in a row: \(reason)", code: "33"))
            }
        }
        var output = layout(rows)
        if !notes.isEmpty { output += "\n" + notes.joined(separator: "\n") + "\n" }
        return output
    }

    /// Columns padded to their widest cell (display width aware, so colour codes and CJK align).
    private func layout(_ rows: [[String]]) -> String {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], visibleWidth(cell)) }
        }
        var output = ""
        for (rowIndex, row) in rows.enumerated() {
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - visibleWidth(cell))
                let text = rowIndex == 0 ? paint(cell, code: "1") : cell
                line += column == row.count - 1 ? text : text + padding + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            output += line + "\n"
        }
        return output
    }

    private func bar(_ percent: Double) -> String {
        let clamped = max(0, min(100, percent))
        let filled = Int((clamped / 100 * Double(barWidth)).rounded())
        let text = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        return paint(text, code: percent >= 90 ? "31" : (percent >= 70 ? "33" : "32"))
    }

    private func paint(_ text: String, code: String) -> String {
        guard colors, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func visibleWidth(_ text: String) -> Int {
        DisplayWidth.of(text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression))
    }

    /// "resets in" text: `2h 13m`, `4d 2h`, `45s`, or `now` once passed.
    static func countdown(to date: Date, from now: Date) -> String {
        let seconds = Int(date.timeIntervalSince(now).rounded(.down))
        guard seconds > 0 else { return "now" }
        let days = seconds / 86400
        let hours = seconds % 86400 / 3600
        let minutes = seconds % 3600 / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(seconds)s"
    }

    /// "updated" text: `12s ago`, `5m ago`, `3h ago`, `2d ago`.
    static func age(from date: Date, to now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date).rounded(.down)))
        if seconds < 60 { return "\(seconds)s ago" }
        if seconds < 3600 { return "\(seconds / 60)m ago" }
        if seconds < 86400 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86400)d ago"
    }

    static func describeCost(_ cost: Cost) -> String {
        let currency = cost.currency ?? ""
        if let used = cost.used, let limit = cost.limit, limit > 0 {
            return "cost \(JSNumber.toFixed(used)) / \(JSNumber.toFixed(limit)) \(currency)".trimmingCharacters(in: .whitespaces)
        }
        if let remaining = cost.remaining {
            return "balance \(JSNumber.toFixed(remaining)) \(currency)".trimmingCharacters(in: .whitespaces)
        }
        return "cost -"
    }
}
