import Foundation
import Logging
import Synchronization

/// Writes log lines to standard error. Under systemd (`JOURNAL_STREAM` set) each line starts
/// with its syslog priority (`<3>` error, `<4>` warning, `<6>` info, `<7>` debug) so journald
/// records the level; otherwise lines carry a timestamp and the level name.
public struct CollectorLogHandler: LogHandler {
    /// Whether lines get `<N>` priority prefixes instead of timestamps.
    public let usesJournalPrefixes: Bool
    /// Events below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private static let output = Mutex(())

    /// Creates a handler.
    public init(label: String, logLevel: Logger.Level, usesJournalPrefixes: Bool) {
        self.label = label
        self.logLevel = logLevel
        self.usesJournalPrefixes = usesJournalPrefixes
    }

    /// Installs the handler for the process: level from `AIMETER_LOG_LEVEL` (default info),
    /// prefixes when `JOURNAL_STREAM` is set.
    public static func bootstrap(environment: [String: String]) {
        let level = environment["AIMETER_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        let journal = environment["JOURNAL_STREAM"].map { !$0.isEmpty } ?? false
        LoggingSystem.bootstrap { label in CollectorLogHandler(label: label, logLevel: level, usesJournalPrefixes: journal) }
    }

    /// One metadata value of this logger.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one event as one line.
    public func log(event: LogEvent) {
        let line = format(level: event.level, message: event.message, metadata: event.metadata)
        Self.output.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// One formatted line (no newline).
    func format(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?) -> String {
        let merged = metadata.merging(extra ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = fields.isEmpty ? "\(message)" : "\(message) \(fields)"
        // A message with a newline would break the one-event-per-line rule of journald.
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        if usesJournalPrefixes {
            return "<\(Self.priority(level))>\(label): \(flat)"
        }
        return "\(Self.timestamp()) \(level.rawValue) \(label): \(flat)"
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

    private static func timestamp() -> String {
        Date().ISO8601Format()
    }
}
