import AIMeterCore

/// The `markdown` format: a pipe table with one row per progress item, then the summary line.
public enum MarkdownExport {
    /// `text/markdown; charset=utf-8`.
    public static let contentType = ExportFormat.markdown.contentType

    /// Renders `entries` with times in `query.timeZone`; pretty aligns columns, compact does not.
    public static func render(entries: [ExportEntry], query: ExportQuery, now: Int64) -> String {
        let records = entries.map(ExportRecord.init)
        let rows = ExportRows.groups(records, timestamp: ExportTimestamp(timeZone: query.timeZone)).flatMap { $0 }
        var lines = query.pretty ? aligned(rows) : compact(rows)
        lines += ["", "", ExportSummary(records: records).line(timezone: query.timezone)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `|` inside a cell becomes `\|`.
    public static func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|")
    }

    private static func compact(_ rows: [[String]]) -> [String] {
        var lines = ["|" + ExportRows.columns.joined(separator: "|") + "|"]
        lines.append("|" + ExportRows.columns.map { _ in ":--:" }.joined(separator: "|") + "|")
        lines += rows.map { "|" + $0.map(escape).joined(separator: "|") + "|" }
        return lines
    }

    private static func aligned(_ rows: [[String]]) -> [String] {
        // Widths come from the unescaped text, so a cell containing `|` is cut by fitCell
        // once escaped. AIMeter does this; aimeter keeps it for byte-compatible output.
        let table = [ExportRows.columns] + rows
        let widths = ExportRows.columns.indices.map { column in
            table.reduce(3) { Swift.max($0, DisplayWidth.of($1[column])) }
        }
        func render(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { DisplayWidth.fit(escape($1), width: widths[$0]) }.joined(separator: " | ") + " |"
        }
        let separator = "| " + widths.map { ":" + String(repeating: "-", count: Swift.max($0 - 2, 1)) + ":" }.joined(separator: " | ") + " |"
        return [render(ExportRows.columns), separator] + rows.map(render)
    }
}
