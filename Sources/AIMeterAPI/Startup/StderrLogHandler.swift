import Foundation
import Logging

/// One line per message on stderr; with `JOURNAL_STREAM` set (running under systemd) each line
/// starts with its syslog priority (`<6>`), so journald records the level.
public struct StderrLogHandler: LogHandler {
    /// Messages below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every message.
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let usesPriorityPrefix: Bool

    /// Creates a handler.
    public init(label: String, level: Logger.Level, environment: [String: String]) {
        self.label = label
        self.logLevel = level
        self.usesPriorityPrefix = environment["JOURNAL_STREAM"] != nil
    }

    /// One metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one line.
    public func log(event: LogEvent) {
        var line = usesPriorityPrefix ? "<\(Self.priority(event.level))>" : "\(event.level) "
        line += "\(label): \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty {
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
