import AIMeterCore
import AIMeterExport
import Testing

/// Byte-for-byte comparisons with the verified samples of reference/api.md §3.5–§3.9.
@Suite struct GoldenExportTests {
    typealias F = ExportFixtures

    @Test func jsonPrettyMatchesTheReferenceSample() throws {
        let output = JSONExport.render(entries: [F.claude, F.kimi], query: try F.query(.json), now: F.now)
        try GoldenFile.check(output, against: "json-pretty.json")
    }

    @Test func jsonCompactCoversEmptyProgressRegionAndWideNames() throws {
        let query = try F.query(.json, pretty: false, timezone: "Asia/Shanghai", providers: "claude,kimi,openrouter,zai")
        let output = JSONExport.render(entries: F.all, query: query, now: F.now)
        try GoldenFile.check(output, against: "json-compact.json")
    }

    @Test func xmlPrettyPutsTheSummaryBeforeProviders() throws {
        let output = XMLExport.render(entries: F.all, query: try F.query(.xml), now: F.now)
        try GoldenFile.check(output, against: "xml-pretty.xml")
    }

    @Test func xmlCompactHasNoNewlinesAtAll() throws {
        let output = XMLExport.render(entries: F.all, query: try F.query(.xml, pretty: false), now: F.now)
        try GoldenFile.check(output, against: "xml-compact.xml")
        #expect(!output.contains("\n"))
    }

    @Test func csvMatchesTheReferenceSample() throws {
        let output = CSVExport.render(entries: [F.claude, F.kimi, F.zai], query: try F.query(.csv), now: F.now)
        try GoldenFile.check(output, against: "csv.csv")
    }

    @Test func markdownPrettyInUTCPrintsMidnightAsZeroHour() throws {
        let output = MarkdownExport.render(entries: F.all, query: try F.query(.markdown), now: F.now)
        try GoldenFile.check(output, against: "markdown-pretty-utc.md")
        #expect(output.contains("2025-03-13 00:00:00"))
        #expect(!output.contains("24:00:00"))
    }

    @Test func markdownCompactInShanghai() throws {
        let query = try F.query(.markdown, pretty: false, timezone: "Asia/Shanghai")
        let output = MarkdownExport.render(entries: F.all, query: query, now: F.now)
        try GoldenFile.check(output, against: "markdown-compact-shanghai.md")
    }

    @Test func tableInNewYorkMatchesTheReferenceSample() throws {
        let output = TableExport.render(entries: F.all, query: try F.query(.table, timezone: "America/New_York"), now: F.now)
        try GoldenFile.check(output, against: "table-new-york.txt")
    }

    @Test func tableIgnoresPretty() throws {
        let pretty = TableExport.render(entries: F.all, query: try F.query(.table, pretty: true), now: F.now)
        let compact = TableExport.render(entries: F.all, query: try F.query(.table, pretty: false), now: F.now)
        #expect(pretty == compact)
    }

    @Test func emptyTableHasOnlyBordersAndHeader() throws {
        let output = TableExport.render(entries: [], query: try F.query(.table), now: F.now)
        try GoldenFile.check(output, against: "table-empty.txt")
    }

    @Test func dispatcherPicksRendererAndContentType() throws {
        let expectations: [(ExportFormat, String, String)] = [
            (.json, "json-pretty.json", "application/json; charset=utf-8"),
            (.csv, "csv.csv", "text/csv; charset=utf-8"),
        ]
        for (format, golden, contentType) in expectations {
            let document = SubscriptionExport.render(entries: [F.claude, F.kimi] + (format == .csv ? [F.zai] : []), query: try F.query(format), now: F.now)
            #expect(document.contentType == contentType)
            #expect(document.body == (try GoldenFile.load(golden)))
        }
        let table = SubscriptionExport.render(entries: [], query: try F.query(.table), now: F.now)
        #expect(table.contentType == "text/plain; charset=utf-8")
        #expect(table.body == (try GoldenFile.load("table-empty.txt")))
        #expect(ExportFormat.xml.contentType == "application/xml; charset=utf-8")
        #expect(ExportFormat.markdown.contentType == "text/markdown; charset=utf-8")
        let metrics = SubscriptionExport.render(entries: F.all, query: try F.query(.prometheus), now: F.now, version: "1.2.3")
        #expect(metrics.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(metrics.body.contains(#"aimeter_build_info{version="1.2.3"} 1"#))
    }
}
