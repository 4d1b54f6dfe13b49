import Logging
import Synchronization
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

@Suite struct StderrBatchTests {
    /// What the batch handed to its sink, one entry per write.
    final class Sink: Sendable {
        let writes = Mutex<[String]>([])
        func write(_ text: String) { writes.withLock { $0.append(text) } }
        var all: [String] { writes.withLock { $0 } }
    }

    @Test func quietLinesWaitAndAnUrgentLineWritesThemFirstInOneWrite() {
        let sink = Sink()
        let batch = StderrBatch(flushInterval: .seconds(60), sink: sink.write)
        batch.write("a\n", urgent: false)
        batch.write("b\n", urgent: false)
        #expect(sink.all.isEmpty)
        batch.write("C\n", urgent: true)
        #expect(sink.all == ["a\nb\nC\n"])
        batch.flush()
        #expect(sink.all == ["a\nb\nC\n"])
    }

    @Test func waitingLinesGoOutWithinTheFlushInterval() async throws {
        let sink = Sink()
        let batch = StderrBatch(flushInterval: .milliseconds(20), sink: sink.write)
        batch.write("quiet\n", urgent: false)
        // Generous deadline: the flush thread only has to run once.
        for _ in 0..<500 where sink.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(sink.all == ["quiet\n"])
    }

    @Test func aFullBatchIsWrittenWithoutWaiting() {
        let sink = Sink()
        let batch = StderrBatch(flushInterval: .seconds(60), sink: sink.write)
        let line = String(repeating: "x", count: 1023) + "\n"
        for _ in 0..<(StderrBatch.maximumPending / line.utf8.count) { batch.write(line, urgent: false) }
        #expect(sink.all.count == 1)
        #expect(sink.all.first?.utf8.count == StderrBatch.maximumPending)
    }
}
