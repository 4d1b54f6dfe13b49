import Foundation
import Logging
import Synchronization

/// The daemons' log handler: one line per event on standard error.
///
/// Under systemd (`JOURNAL_STREAM` set) each line starts with its syslog priority (`<3>` error,
/// `<4>` warning, `<6>` info, `<7>` debug) so journald records the level; otherwise lines start
/// with an ISO-8601 timestamp and the level name. A message never spans lines (journald's
/// one-event-per-line rule); metadata follows as sorted `key=value` pairs. Lines below `notice`
/// are written in batches, at most 0.1 s late (``StderrBatch``); louder ones at once.
public struct StderrLogHandler: LogHandler {
    /// Whether lines get `<N>` priority prefixes instead of timestamps.
    public let usesJournalPrefixes: Bool
    /// Events below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    private let label: String

    /// Creates a handler.
    public init(label: String, logLevel: Logger.Level, usesJournalPrefixes: Bool) {
        self.label = label
        self.logLevel = logLevel
        self.usesJournalPrefixes = usesJournalPrefixes
    }

    /// Installs the handler for the process: the level from `AIMETER_LOG_LEVEL`, else
    /// `LOG_LEVEL` (default `info`); priority prefixes when `JOURNAL_STREAM` is set.
    public static func bootstrap(environment: [String: String]) {
        let level = level(environment: environment)
        let journal = environment["JOURNAL_STREAM"].map { !$0.isEmpty } ?? false
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label, logLevel: level, usesJournalPrefixes: journal) }
    }

    /// The level the environment asks for: `AIMETER_LOG_LEVEL`, else `LOG_LEVEL`, else `info`.
    public static func level(environment: [String: String]) -> Logger.Level {
        for name in ["AIMETER_LOG_LEVEL", "LOG_LEVEL"] {
            if let level = environment[name].flatMap({ Logger.Level(rawValue: $0.lowercased()) }) { return level }
        }
        return .info
    }

    /// One metadata value of this logger.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one event as one line: now from `notice` up, else with the next batch.
    public func log(event: LogEvent) {
        let line = format(level: event.level, message: event.message, metadata: event.metadata) + "\n"
        StderrBatch.shared.write(line, urgent: event.level >= .notice)
    }

    /// One formatted line (no newline).
    func format(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?) -> String {
        var text = message.description
        let merged = extra.map { metadata.merging($0) { _, new in new } } ?? metadata
        if !merged.isEmpty {
            text += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        // A message with a newline would break the one-event-per-line rule of journald.
        if text.utf8.contains(UInt8(ascii: "\n")) {
            text = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
        }
        if usesJournalPrefixes {
            return "<\(Self.priority(level))>\(label): \(text)"
        }
        return "\(Self.timestamp()) \(level.rawValue) \(label): \(text)"
    }

    /// The syslog priority of a level.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    /// The last second's timestamp text: formatted once per second, however many lines it has.
    private static let lastTimestamp = Mutex<(second: Int64, text: String)>((-1, ""))

    /// `2026-12-05T04:17:26Z`, the current second in UTC.
    static func timestamp() -> String {
        let now = Date()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        if let cached = lastTimestamp.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = now.ISO8601Format()
        lastTimestamp.withLock { $0 = (second, text) }
        return text
    }
}
