import AIMeterTestSupport
import Foundation

/// Runs the built `aimeter` binary against a temp directory holding a config, a database path
/// and a socket path.
final class CLIHarness: @unchecked Sendable {
    let directory: TemporaryDirectory
    let configPath: String
    var databasePath: String { directory.path("aimeter.db") }
    var socketPath: String { directory.path("c.sock") }

    /// Writes a config whose database and socket live in the temp directory.
    init(providers: String = CLIHarness.demoProviders, auth: String = "") throws {
        directory = try TemporaryDirectory(prefix: "cli")
        configPath = directory.path("config.yaml")
        let yaml = """
            database:
              path: \(directory.path("aimeter.db"))
            collector:
              socket: \(directory.path("c.sock"))
            \(auth)
            providers:
            \(providers)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    static let demoProviders = """
          - id: demo-a
            provider: demo
            name: Demo A
            refreshInterval: 0
          - id: demo-b
            provider: demo
            name: Demo B
            refreshInterval: 0
            options: { profile: credits }
        """

    /// Runs `aimeter <arguments> --config <config>`.
    func run(_ arguments: [String], stdin: String? = nil, withConfig: Bool = true) throws -> ProcessResult {
        try ProcessRunner.run(
            BuiltBinaries.url("aimeter"), arguments + (withConfig ? ["--config", configPath] : []),
            environment: ["NO_COLOR": "1", "AIMETER_CONFIG_FILE": ""], stdin: stdin, timeout: 60)
    }

    /// Starts the real collector on this config and waits until its socket answers.
    func startCollector() throws -> Process {
        let process = Process()
        process.executableURL = BuiltBinaries.url("aimeter-collector")
        process.arguments = ["--config", configPath]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: socketPath),
                let result = try? run(["refresh", "--json", "no-such-provider"]), result.stdout.contains("NOT_FOUND")
            {
                return process
            }
            usleep(100_000)
        }
        process.terminate()
        throw CLIHarnessError.collectorDidNotStart
    }
}

enum CLIHarnessError: Error {
    case collectorDidNotStart
}
