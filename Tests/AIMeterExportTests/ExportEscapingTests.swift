import AIMeterCore
import AIMeterExport
import Testing

@Suite struct ExportEscapingTests {
    private let now: Int64 = 1_741_824_000

    @Test func xmlEscapesFiveCharactersAndKeepsControls() {
        #expect(XMLExport.escape(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLExport.escape("tab\there\u{1}") == "tab\there\u{1}")
        #expect(XMLExport.escape("&amp;") == "&amp;amp;")
    }

    @Test func xmlEscapesAttributesAndTexts() {
        let provider = ExportProvider(id: "id\"1", type: .kimi)
        let entry = ExportEntry.error(provider, code: "E<1>", message: "it's & done", timestamp: now)
        let query = ExportQuery(providersRaw: "kimi&x", format: .xml, pretty: false, timezone: "A'B")
        let output = XMLExport.render(entries: [entry], query: query, now: now)
        #expect(output.contains(#"<query providers="kimi&amp;x" format="xml" pretty="false" timezone="A&apos;B"/>"#))
        #expect(output.contains(#"<provider id="id&quot;1" provider="kimi" status="error"><code>E&lt;1&gt;</code><message>it&apos;s &amp; done</message><timestamp>1741824000</timestamp></provider>"#))
    }

    @Test func csvQuotesEveryStringAndDoublesQuotes() {
        #expect(CSVExport.quote(#"say "hi", ok"#) == #""say ""hi"", ok""#)
        let entry = ExportEntry.usage(
            ExportProvider(id: "a,b", type: .zai, name: "line\nbreak"),
            ExportUsage(items: [ProgressItem(name: #"x"y"#, usedPercent: 50)], updatedAt: now))
        let output = CSVExport.render(entries: [entry])
        #expect(output == CSVExport.header + "\n" + "\"a,b\",\"zai\",\"line\nbreak\",\"ok\",50,\"x\"\"y:50%\",,,,1741824000,,,\n")
    }

    @Test func csvErrorRowsLeaveNameEmptyAndUnquoted() {
        let entry = ExportEntry.error(ExportProvider(id: "k", type: .kimi, name: "Named"), code: "UNKNOWN", message: #"a "b""#, timestamp: 7)
        #expect(CSVExport.render(entries: [entry]).hasSuffix("\"k\",\"kimi\",,\"error\",,,,,,,\"UNKNOWN\",\"a \"\"b\"\"\",7\n"))
    }

    @Test func csvWithNoEntriesIsJustTheHeader() {
        #expect(CSVExport.render(entries: []) == CSVExport.header + "\n")
    }

    @Test func markdownEscapesPipesAndTruncatesEscapedCellsWhenPretty() {
        #expect(MarkdownExport.escape("a|b||c") == #"a\|b\|\|c"#)
        let entry = ExportEntry.usage(
            ExportProvider(id: "p", type: .claude, name: "n|m"),
            ExportUsage(items: [ProgressItem(name: "x", usedPercent: 1)], updatedAt: now))
        let pretty = MarkdownExport.render(entries: [entry], query: ExportQuery(format: .markdown), now: now)
        // Width 4 comes from the unescaped "Name"/"n|m"; the escaped "n\|m" still fits exactly.
        #expect(pretty.contains(#"| claude   | n\|m | x    |"#))
        let compact = MarkdownExport.render(entries: [entry], query: ExportQuery(format: .markdown, pretty: false), now: now)
        #expect(compact.contains(#"|claude|n\|m|x|1|-|-|-|2025-03-13 00:00:00|"#))
    }

    @Test func markdownEndsWithTwoBlankLinesAndTheSummary() {
        let output = MarkdownExport.render(entries: [], query: ExportQuery(format: .markdown, timezone: "Europe/Paris"), now: now)
        #expect(output.hasSuffix("\n\n\nSummary: providers(total=0), avgUsed=0%, timezone=Europe/Paris\n"))
        #expect(output.hasPrefix("| Provider | Name | Item | UsedPct | RemainPct | ResetWindow | ResetAt | UpdatedAt |\n| :------: | :--: | :--: |"))
    }
}
