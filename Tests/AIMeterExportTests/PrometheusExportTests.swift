import AIMeterCore
import AIMeterExport
import Foundation
import Testing

@Suite struct PrometheusExportTests {
    typealias F = ExportFixtures
    /// Two hours after the fixtures' request time.
    private let now: Int64 = 1_741_831_200

    private var states: [String: ExportProviderState] {
        [
            "prov_abc123": ExportProviderState(
                lastSuccessAt: 1_741_824_000, lastAttemptAt: 1_741_823_990, consecutiveFailures: 0, lastPollSucceeded: true),
            "prov_k": ExportProviderState(lastAttemptAt: 1_741_831_100, authRequired: true, consecutiveFailures: 3, lastPollSucceeded: false),
        ]
    }

    @Test func rendersEveryFamilyInDisplayAndItemOrder() throws {
        let output = PrometheusExport.render(entries: F.all, states: states, now: now, version: "0.1.0")
        try GoldenFile.check(output, against: "prometheus.txt")
    }

    @Test func outputFollowsTheExpositionGrammar() {
        let output = PrometheusExport.render(entries: F.all, states: states, now: now, version: "0.1.0")
        #expect(PrometheusGrammar.problems(in: output) == [])
        let families = output.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(families.map(String.init) == PrometheusExport.metrics.map(\.name))
    }

    @Test func grammarCheckerRejectsBrokenText() {
        #expect(!PrometheusGrammar.problems(in: "metric{a=\"x\"} 1").isEmpty)  // no final newline
        #expect(!PrometheusGrammar.problems(in: "# HELP m h\n# TYPE m gauge\nm{a=\"x\"y\"} 1\n").isEmpty)
        #expect(!PrometheusGrammar.problems(in: "# HELP m h\n# TYPE m gauge\nm 1\nm 2\n").isEmpty)
        #expect(!PrometheusGrammar.problems(in: "# HELP m h\n# TYPE m gauge\nother 1\n").isEmpty)
        #expect(PrometheusGrammar.problems(in: "# HELP m h\n# TYPE m gauge\nm{a=\"\\\"\"} -Inf\n").isEmpty)
    }

    @Test func labelValuesEscapeBackslashQuoteAndNewline() {
        let entry = ExportEntry.usage(
            ExportProvider(id: "a\\b", type: .custom, name: "say \"hi\"\nbye"),
            ExportUsage(items: [ProgressItem(name: "x\ny", usedPercent: .infinity)], updatedAt: now))
        let output = PrometheusExport.render(entries: [entry], now: now, version: "v\"1")
        #expect(output.contains(#"aimeter_build_info{version="v\"1"} 1"#))
        #expect(output.contains(#"aimeter_quota_used_percent{provider="custom",id="a\\b",name="say \"hi\"\nbye",item="x\ny"} +Inf"#))
        #expect(PrometheusGrammar.problems(in: output) == [])
    }

    @Test func errorEntriesOnlyGetInfoAndHealthSeries() {
        let output = PrometheusExport.render(entries: [F.kimi], now: now, version: "1")
        let samples = output.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples == [#"aimeter_build_info{version="1"} 1"#, #"aimeter_provider_info{provider="kimi",id="prov_k",name="",plan=""} 1"#])
    }

    @Test func resetSeriesNeedAResetAndCountDownFromNow() {
        let entry = ExportEntry.usage(
            ExportProvider(id: "d", type: .demo),
            ExportUsage(
                items: [
                    ProgressItem(name: "due", usedPercent: 1, resetsAt: now - 60),
                    ProgressItem(name: "none", usedPercent: 2),
                    ProgressItem(name: "due", usedPercent: 99),  // duplicate name: first wins
                ],
                updatedAt: now - 30))
        let output = PrometheusExport.render(entries: [entry], now: now, version: "1")
        #expect(output.contains(#"aimeter_quota_seconds_until_reset{provider="demo",id="d",name="",item="due"} -60"#))
        #expect(!output.contains(#"item="none"} 1741"#))
        #expect(output.contains(#"aimeter_snapshot_age_seconds{provider="demo",id="d",name=""} 30"#))
        #expect(!output.contains(" 99\n"))
        #expect(output.components(separatedBy: "aimeter_quota_reset_timestamp_seconds{").count == 2)
    }

    @Test func stateIsDerivedFromFetchState() {
        let success = Date(timeIntervalSince1970: 1000.9)
        let failure = Date(timeIntervalSince1970: 2000)
        let failing = ExportProviderState(FetchState(lastAttemptAt: failure, lastSuccessAt: success, lastFailedAt: failure, consecutiveFailures: 2))
        #expect(failing == ExportProviderState(lastSuccessAt: 1000, lastAttemptAt: 2000, consecutiveFailures: 2, lastPollSucceeded: false))
        #expect(ExportProviderState(FetchState(lastSuccessAt: failure, lastFailedAt: success)).lastPollSucceeded == true)
        #expect(ExportProviderState(FetchState(lastSuccessAt: success)).lastPollSucceeded == true)
        #expect(ExportProviderState(FetchState(authRequired: true)).lastPollSucceeded == nil)
        #expect(ExportProviderState(FetchState(lastFailedAt: failure, authRequired: true)).authRequired)
    }

    @Test(.enabled(if: Promtool.path != nil)) func promtoolAcceptsTheOutput() throws {
        let output = PrometheusExport.render(entries: F.all, states: states, now: now, version: "0.1.0")
        let report = try Promtool.checkMetrics(output)
        #expect(!report.contains("parsing error"), "\(report)")
    }
}

/// `promtool check metrics`, when installed.
enum Promtool {
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/promtool" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func checkMetrics(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "promtool")
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let report = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: report, as: UTF8.self)
    }
}
