import AIMeterCore
import AIMeterExport
import Testing

/// Numbers, nulls and optional fields as each format prints them.
@Suite struct ExportValuesTests {
    private let now: Int64 = 1_741_824_000

    private func entry(_ items: [ProgressItem], cost: Cost? = nil, plan: String? = nil, name: String? = "N", region: String? = nil) -> ExportEntry {
        .usage(ExportProvider(id: "p", type: .claude, name: name, region: region), ExportUsage(items: items, cost: cost, plan: plan, updatedAt: now))
    }

    private func json(_ entry: ExportEntry) -> String {
        JSONExport.render(entries: [entry], query: ExportQuery(pretty: false), now: now)
    }

    @Test func jsonPrintsNumbersTheJavaScriptWay() {
        let item = ProgressItem(name: "A", usedPercent: 2.5, remainingPercent: -2.5, used: 225, limit: 1.005, windowMinutes: 10080.004)
        let output = json(entry([item], cost: Cost(used: 12.5, limit: 100, remaining: 3.125)))
        #expect(output.contains(#""usedPercent":3,"remainingPercent":-2,"used":225,"limit":1,"windowMinutes":10080,"#))
        #expect(output.contains(#""cost":{"used":12.5,"limit":100,"remaining":3.13}"#))
        #expect(!output.contains("225.0"))
        #expect(!output.contains("12.50"))
    }

    @Test func xmlPrintsTheSameNumbersAsJSON() {
        let item = ProgressItem(name: "A", usedPercent: 99.5, used: 3.125, limit: 0.1 + 0.2)
        let output = XMLExport.render(entries: [entry([item])], query: ExportQuery(format: .xml, pretty: false), now: now)
        #expect(output.contains("<usedPercent>100</usedPercent><remainingPercent></remainingPercent><used>3.13</used><limit>0.3</limit>"))
    }

    @Test func csvCostColumnsUseToFixedTwo() {
        let output = CSVExport.render(entries: [entry([], cost: Cost(used: 12.5, limit: 100, remaining: 0.125))])
        #expect(output.hasSuffix(#""p","claude","N","ok",,"-",12.50,100.00,0.13,1741824000,,,"# + "\n"))
    }

    @Test func missingCostFieldsBecomeZero() {
        let cost = Cost(remaining: 4.5, currency: "CNY")
        #expect(json(entry([], cost: cost)).contains(#""cost":{"used":0,"limit":0,"remaining":4.5,"currency":"CNY"}"#))
        #expect(CSVExport.render(entries: [entry([], cost: cost)]).contains(",0.00,0.00,4.50,"))
    }

    @Test func nanValuesCountAsMissing() {
        let item = ProgressItem(name: "A", usedPercent: .nan, remainingPercent: .nan, used: .nan)
        #expect(json(entry([item])).contains(#""usedPercent":0,"remainingPercent":null,"used":null,"#))
    }

    @Test func emptyNameIsNullInJSONAndDashInTables() {
        let record = entry([ProgressItem(name: "A", usedPercent: 1)], name: "")
        #expect(json(record).contains(#""name":null,"#))
        let markdown = MarkdownExport.render(entries: [record], query: ExportQuery(format: .markdown, pretty: false), now: now)
        #expect(markdown.contains("|claude|-|A|1|"))
        #expect(!XMLExport.render(entries: [record], query: ExportQuery(format: .xml), now: now).contains("<name>"))
        #expect(CSVExport.render(entries: [record]).contains(#""p","claude","","ok",1,"#))
    }

    @Test func identityNeedsANonBlankPlanAndIsTrimmed() {
        #expect(!json(entry([], plan: "  ")).contains("identity"))
        #expect(json(entry([], plan: " Max ")).contains(#""identity":{"plan":"Max"}"#))
    }

    @Test func emptyRegionAndResetDescriptionStayInJSONButNotInXML() {
        let item = ProgressItem(name: "A", usedPercent: 1, resetDescription: "")
        let record = entry([item], region: "")
        #expect(json(record).contains(#""name":"N","region":"","progress""#))
        #expect(json(record).contains(#""resetsAt":null,"resetDescription":""}"#))
        let xml = XMLExport.render(entries: [record], query: ExportQuery(format: .xml), now: now)
        #expect(!xml.contains("<region>"))
        #expect(!xml.contains("<resetDescription>"))
    }

    @Test func descIsEnrichedFromTheWindowAndProviderTitles() {
        let items = [
            ProgressItem(name: "Session", usedPercent: 1),
            ProgressItem(name: "B", desc: "10080 minutes window", usedPercent: 1, windowMinutes: 1440),
            ProgressItem(name: "C", desc: " custom ", usedPercent: 1, windowMinutes: 60),
        ]
        let output = json(entry(items))
        #expect(output.contains(#""name":"Session","desc":"Session quota window""#))
        #expect(output.contains(#""name":"B","desc":"1 day window""#))
        #expect(output.contains(#""name":"C","desc":"custom""#))
    }

    @Test func summaryCountsEmptyProgressButAveragesOnlyFirstItems() {
        let entries: [ExportEntry] = [
            entry([ProgressItem(name: "A", usedPercent: 10.4), ProgressItem(name: "B", usedPercent: 90)]),
            entry([ProgressItem(name: "A", usedPercent: 20.5)]),
            entry([]),
            .noData(ExportProvider(id: "x", type: .kimi), now: now),
        ]
        let summary = ExportSummary(entries: entries)
        #expect(summary == ExportSummary(entries: entries))
        #expect(summary.total == 4)
        #expect(summary.providersWithUsage == 3)
        #expect(summary.errors == 1)
        #expect(summary.averageUsedPercent == 16)  // round((10 + 21) / 2 = 15.5)
    }

    @Test func resetWindowColumnUsesAIMeterDurations() {
        let items = [0.4, 90, 10080, 14400, 129_600, -5].map { ProgressItem(name: "w", usedPercent: 0, windowMinutes: $0) }
        let output = MarkdownExport.render(entries: [entry(items)], query: ExportQuery(format: .markdown, pretty: false), now: now)
        let windows = output.split(separator: "\n").dropFirst(2).prefix(6).map { $0.split(separator: "|", omittingEmptySubsequences: false)[6] }
        #expect(windows == ["0 minutes", "1.5 hours", "1 week", "1.43 weeks", "3 months", "-"])
    }
}
