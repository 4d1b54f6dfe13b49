import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `aimeter-collector` binary run as a child process.
final class CollectorProcess: @unchecked Sendable {
    let process = Process()
    let logPath: String

    /// The directory holding the built binaries: `$AIMETER_BIN_DIR`, else the directory of the
    /// running test bundle (`.build/debug`).
    static func binaryDirectory() -> URL {
        if let configured = ProcessInfo.processInfo.environment["AIMETER_BIN_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent(), URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("aimeter-collector").path) }
            ?? bundle.deletingLastPathComponent()
    }

    static var binaryPath: String { binaryDirectory().appendingPathComponent("aimeter-collector").path }

    /// Starts the collector with `arguments`, the test's environment minus systemd variables,
    /// plus `environment`.
    init(arguments: [String], environment: [String: String], logPath: String) throws {
        self.logPath = logPath
        let binary = Self.binaryPath
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "aimeter-collector not found at \(binary); build it (swift build --product aimeter-collector) or set AIMETER_BIN_DIR")
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "AIMETER_CONFIG_FILE", "LISTEN_FDS"] {
            merged.removeValue(forKey: key)
        }
        merged.merge(environment) { _, new in new }
        process.environment = merged
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardError = log
        process.standardOutput = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) {
        _ = kill(pid, number)
    }

    /// Waits up to `timeout` seconds for the process to end; false when it is still running.
    func waitForExit(timeout: TimeInterval) async -> Bool {
        await eventually(timeout: timeout) { !self.process.isRunning }
    }

    /// The process's output so far (for failure messages).
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}
