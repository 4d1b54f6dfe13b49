import Foundation

/// A long-running binary under test (a daemon) whose output goes to a log file.
public final class ChildProcess: @unchecked Sendable {
    /// The running process.
    public let process = Process()
    /// Where standard output and standard error go.
    public let logPath: String

    /// Starts `executable` with `arguments`. `NOTIFY_SOCKET` and `JOURNAL_STREAM` are removed so
    /// the child does not talk to the test runner's service manager, and `AIMETER_CONFIG_FILE` so
    /// only `--config` counts; `environment` is merged on top.
    public init(_ executable: URL, _ arguments: [String], logPath: String, environment extra: [String: String] = [:]) throws {
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "AIMETER_CONFIG_FILE", "JOURNAL_STREAM"] { environment[key] = nil }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// Whether the child is still running.
    public var isRunning: Bool { process.isRunning }

    /// Everything the child wrote so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until the log contains `text`; returns the log.
    public func waitForLog(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = log
            if current.contains(text) { return current }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ChildProcessError.logLineMissing(text, log)
    }

    /// Sends SIGTERM, waits up to 10 s (SIGKILL after that) and returns the exit status.
    public func stop() async -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Why waiting on a ``ChildProcess`` failed.
public enum ChildProcessError: Error, CustomStringConvertible {
    case logLineMissing(String, String)

    public var description: String {
        switch self {
        case .logLineMissing(let text, let log): "log never contained \"\(text)\"; log:\n\(log)"
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the config does not accept port 0).
public enum FreePort {
    /// Binds port 0, reads the port the kernel chose, and closes the socket again.
    public static func find() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Unavailable() }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard named else { throw Unavailable() }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// No port could be bound.
    public struct Unavailable: Error {}
}
