import Logging
import Testing

@testable import AIMeterLogging

@Suite struct StderrLogHandlerTests {
    @Test func journalLinesCarrySyslogPriorities() {
        let handler = StderrLogHandler(label: "aimeter.collector", logLevel: .debug, usesJournalPrefixes: true)
        #expect(handler.format(level: .error, message: "Poll failed", metadata: ["provider.id": "a"]) == "<3>aimeter.collector: Poll failed provider.id=a")
        #expect(handler.format(level: .warning, message: "w", metadata: nil) == "<4>aimeter.collector: w")
        #expect(handler.format(level: .info, message: "i", metadata: nil) == "<6>aimeter.collector: i")
        #expect(handler.format(level: .debug, message: "d", metadata: nil) == "<7>aimeter.collector: d")
    }

    @Test func plainLinesHaveTimestampAndLevelAndStayOnOneLine() throws {
        let handler = StderrLogHandler(label: "c", logLevel: .info, usesJournalPrefixes: false)
        let line = handler.format(level: .info, message: "two\nlines", metadata: nil)
        #expect(line.hasSuffix(" info c: two lines"))
        #expect(!line.contains("\n"))
        // 2026-12-05T04:17:26Z
        let stamp = try #require(line.split(separator: " ").first)
        #expect(stamp.count == 20 && stamp.hasSuffix("Z") && stamp.dropFirst(10).first == "T")
    }

    @Test func handlerAndEventMetadataMergeSortedWithTheEventWinning() {
        var handler = StderrLogHandler(label: "api", logLevel: .info, usesJournalPrefixes: true)
        handler[metadataKey: "zone"] = "eu"
        handler[metadataKey: "id"] = "handler"
        let line = handler.format(level: .notice, message: "m", metadata: ["id": "event"])
        #expect(line == "<5>api: m id=event zone=eu")
    }

    @Test func theLevelComesFromAIMeterLogLevelThenLogLevel() {
        #expect(StderrLogHandler.level(environment: [:]) == .info)
        #expect(StderrLogHandler.level(environment: ["LOG_LEVEL": "debug"]) == .debug)
        #expect(StderrLogHandler.level(environment: ["AIMETER_LOG_LEVEL": "WARNING", "LOG_LEVEL": "debug"]) == .warning)
        #expect(StderrLogHandler.level(environment: ["AIMETER_LOG_LEVEL": "loud"]) == .info)
    }
}
