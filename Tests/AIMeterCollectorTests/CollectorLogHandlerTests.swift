import Logging
import Testing

@testable import AIMeterCollector

@Suite struct CollectorLogHandlerTests {
    @Test func journalLinesCarrySyslogPriorities() {
        let handler = CollectorLogHandler(label: "aimeter.collector", logLevel: .debug, usesJournalPrefixes: true)
        #expect(handler.format(level: .error, message: "Poll failed", metadata: ["provider.id": "a"]) == "<3>aimeter.collector: Poll failed provider.id=a")
        #expect(handler.format(level: .warning, message: "w", metadata: nil) == "<4>aimeter.collector: w")
        #expect(handler.format(level: .info, message: "i", metadata: nil) == "<6>aimeter.collector: i")
        #expect(handler.format(level: .debug, message: "d", metadata: nil) == "<7>aimeter.collector: d")
    }

    @Test func plainLinesHaveTimestampAndLevelAndStayOnOneLine() {
        let handler = CollectorLogHandler(label: "c", logLevel: .info, usesJournalPrefixes: false)
        let line = handler.format(level: .info, message: "two\nlines", metadata: nil)
        #expect(line.hasSuffix(" info c: two lines"))
        #expect(!line.contains("\n"))
        #expect(!line.hasPrefix("<"))
    }
}

@Suite struct ProviderValidationTests {
    @Test func adapterProblemsGetFullKeyPaths() {
        let problem = ProviderValidation.locate("options.profile: must be one of a, b", under: "providers[2]")
        #expect(problem.keyPath == "providers[2].options.profile")
        #expect(problem.message == "must be one of a, b")
        let loose = ProviderValidation.locate("credentials are missing", under: "providers[0]")
        #expect(loose.keyPath == "providers[0]")
        #expect(loose.message == "credentials are missing")
    }
}
