import AIMeterCore

/// The `xml` format: AIMeter's hand-built document; summary before providers, no trailing newline.
public enum XMLExport {
    /// `application/xml; charset=utf-8`.
    public static let contentType = ExportFormat.xml.contentType

    /// Renders `entries`; pretty uses a 2-space indent and a newline after every line, compact uses neither.
    public static func render(entries: [ExportEntry], query: ExportQuery, now: Int64) -> String {
        let records = entries.map(ExportRecord.init)
        let summary = ExportSummary(records: records)
        var writer = Writer(pretty: query.pretty)
        writer.line(0, #"<?xml version="1.0" encoding="UTF-8"?>"#)
        writer.line(0, "<subscriptions>")
        writer.line(1, "<timestamp>\(now)</timestamp>")
        writer.line(
            1,
            #"<query providers="\#(escape(query.providersRaw))" format="xml" pretty="\#(query.pretty)" timezone="\#(escape(query.timezone))"/>"#
        )
        writer.line(1, "<summary>")
        writer.element(2, "total", number(Double(summary.total)))
        writer.element(2, "providersWithUsage", number(Double(summary.providersWithUsage)))
        writer.element(2, "errors", number(Double(summary.errors)))
        writer.element(2, "averageUsedPercent", number(summary.averageUsedPercent))
        writer.line(1, "</summary>")
        writer.line(1, "<providers>")
        for record in records { write(record, to: &writer) }
        writer.line(1, "</providers>")
        writer.text += "</subscriptions>"
        return writer.text
    }

    /// AIMeter's `escapeXml`: `& < > " '`; control characters pass through.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    private static func write(_ record: ExportRecord, to writer: inout Writer) {
        switch record {
        case .error(let error):
            writer.line(2, #"<provider id="\#(escape(error.id))" provider="\#(escape(error.provider.rawValue))" status="error">"#)
            writer.element(3, "code", escape(error.code))
            writer.element(3, "message", escape(error.message))
            writer.element(3, "timestamp", "\(error.timestamp)")
            writer.line(2, "</provider>")
        case .usage(let usage):
            writer.line(2, #"<provider id="\#(escape(usage.id))" provider="\#(escape(usage.provider.rawValue))" status="ok">"#)
            if let name = usage.name, !name.isEmpty { writer.element(3, "name", escape(name)) }
            if let region = usage.region, !region.isEmpty { writer.element(3, "region", escape(region)) }
            if let plan = usage.plan {
                writer.line(3, "<identity>")
                writer.element(4, "plan", escape(plan))
                writer.line(3, "</identity>")
            }
            writer.element(3, "updatedAt", "\(usage.updatedAt)")
            writer.line(3, "<progress>")
            for item in usage.progress { write(item, to: &writer) }
            writer.line(3, "</progress>")
            if let cost = usage.cost {
                writer.line(3, "<cost>")
                writer.element(4, "used", number(cost.used))
                writer.element(4, "limit", number(cost.limit))
                writer.element(4, "remaining", number(cost.remaining))
                if let currency = cost.currency, !currency.isEmpty { writer.element(4, "currency", escape(currency)) }
                if let period = cost.period, !period.isEmpty { writer.element(4, "period", escape(period)) }
                writer.line(3, "</cost>")
            }
            writer.line(2, "</provider>")
        }
    }

    private static func write(_ item: ExportRecord.Item, to writer: inout Writer) {
        writer.line(4, #"<item name="\#(escape(item.name))">"#)
        if !item.desc.isEmpty { writer.element(5, "desc", escape(item.desc)) }
        writer.element(5, "usedPercent", number(item.usedPercent))
        writer.element(5, "remainingPercent", number(item.remainingPercent))
        writer.element(5, "used", number(item.used))
        writer.element(5, "limit", number(item.limit))
        writer.element(5, "windowMinutes", number(item.windowMinutes))
        writer.element(5, "resetsAt", item.resetsAt.map { "\($0)" } ?? "")
        if let resetDescription = item.resetDescription, !resetDescription.isEmpty {
            writer.element(5, "resetDescription", escape(resetDescription))
        }
        writer.line(4, "</item>")
    }

    /// `${value ?? ''}`: JavaScript number text, empty for null.
    private static func number(_ value: Double?) -> String {
        value.map { JSNumber.format($0) } ?? ""
    }

    private struct Writer {
        let pretty: Bool
        var text = ""

        mutating func line(_ level: Int, _ content: String) {
            if pretty { text += String(repeating: "  ", count: level) }
            text += content
            if pretty { text += "\n" }
        }

        mutating func element(_ level: Int, _ tag: String, _ content: String) {
            line(level, "<\(tag)>\(content)</\(tag)>")
        }
    }
}
