import Foundation

/// A long-running binary under test (a daemon) whose output goes to a log file.
final class DaemonProcess: @unchecked Sendable {
    private let process = Process()
    /// Where standard output and standard error go.
    let logPath: String

    /// Starts `executable`. `NOTIFY_SOCKET` and `JOURNAL_STREAM` are removed so the daemon does not
    /// talk to the test runner's service manager, and `AIMETER_CONFIG_FILE` so only `--config` counts.
    init(_ executable: URL, _ arguments: [String], environment extra: [String: String], logPath: String) throws {
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "AIMETER_CONFIG_FILE"] { environment[key] = nil }
        environment.merge(extra) { _, new in new }
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// Whether the daemon is still running.
    var isRunning: Bool { process.isRunning }

    /// Everything the daemon wrote so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM, waits up to 15 s (SIGKILL after that) and returns the exit status.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { _ = stop() }
    }
}
