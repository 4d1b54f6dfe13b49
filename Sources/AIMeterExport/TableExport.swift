import AIMeterCore

/// The `table` format: a box-drawn table grouped per provider, columns capped at 24; `pretty` is ignored.
public enum TableExport {
    /// `text/plain; charset=utf-8`.
    public static let contentType = ExportFormat.table.contentType

    /// The widest a column gets; longer cells end in `...`.
    public static let maxColumnWidth = 24

    /// Renders `entries` with times in `query.timeZone`.
    public static func render(entries: [ExportEntry], query: ExportQuery, now: Int64) -> String {
        let records = entries.map(ExportRecord.init)
        let groups = ExportRows.groups(records, timestamp: ExportTimestamp(timeZone: query.timeZone)).map { group in
            // Continuation rows leave provider, name and update time blank.
            group.enumerated().map { index, row in
                index == 0 ? row : row.enumerated().map { ExportRows.groupColumns.contains($0) ? "" : $1 }
            }
        }
        let rows = groups.flatMap { $0 }
        let widths = ExportRows.columns.enumerated().map { column, header in
            let widest = rows.reduce(DisplayWidth.of(header)) { Swift.max($0, DisplayWidth.of($1[column])) }
            return Swift.min(Swift.max(widest, header.count), maxColumnWidth)
        }

        func border(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        }
        func render(_ cells: [String]) -> String {
            "│ " + cells.enumerated().map { DisplayWidth.fit($1, width: widths[$0]) }.joined(separator: " │ ") + " │"
        }

        var lines = [border("┌", "┬", "┐"), render(ExportRows.columns), border("├", "┼", "┤")]
        for (index, group) in groups.enumerated() {
            lines += group.map(render)
            if index < groups.count - 1 { lines.append(border("├", "┼", "┤")) }
        }
        lines.append(border("└", "┴", "┘"))
        lines += ["", "", ExportSummary(records: records).line(timezone: query.timezone)]
        return lines.joined(separator: "\n") + "\n"
    }
}
