import AIMeterConfig
import AIMeterLogging
import Foundation
import Hummingbird
import Logging

/// The `aimeter-api` command line: `--config PATH`, `--help`, `--version`.
public enum APICommand {
    /// `EX_USAGE`: the command line is wrong.
    public static let usageError: Int32 = 64

    static let usage = """
        Usage: aimeter-api [--config PATH]

        Serves aimeter's HTTP API (AIMeter-compatible) from the database the collector writes.

        Options:
          --config PATH   configuration file (default: $AIMETER_CONFIG_FILE, else /etc/aimeter/config.yaml)
          --help          show this help
          --version       print the version

        Exit status: 0 after a clean shutdown, 64 bad arguments, 78 invalid configuration,
        1 when the database cannot be used or the server fails.
        """

    /// What the command line asks for.
    enum Invocation: Equatable {
        case help, version
        case serve(configPath: String?)
    }

    /// Parses the arguments (without the program name).
    static func parse(_ arguments: [String]) -> Result<Invocation, ArgumentError> {
        var configPath: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--help", "-h": return .success(.help)
            case "--version": return .success(.version)
            case "--config":
                guard index + 1 < arguments.count else { return .failure(ArgumentError("--config needs a path")) }
                configPath = arguments[index + 1]
                index += 1
            default:
                guard argument.hasPrefix("--config=") else {
                    return .failure(ArgumentError("unknown argument: \(argument)"))
                }
                configPath = String(argument.dropFirst("--config=".count))
            }
            index += 1
        }
        return .success(.serve(configPath: configPath))
    }

    /// A command-line mistake.
    struct ArgumentError: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Runs the command and returns the process exit status.
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        switch parse(arguments) {
        case .failure(let error):
            StandardError.print("aimeter-api: \(error.message)\n\n\(usage)")
            return usageError
        case .success(.help):
            print(usage)
            return 0
        case .success(.version):
            print("aimeter-api \(APIServer.version)")
            return 0
        case .success(.serve(let configPath)):
            return await serve(configPath: configPath, environment: environment)
        }
    }

    static func serve(configPath: String?, environment: [String: String]) async -> Int32 {
        let config: AppConfig
        do {
            config = try ConfigLoader.load(commandLinePath: configPath, environment: environment).config
        } catch {
            StandardError.print("aimeter-api: " + error.report(sourcePath: configPath ?? ConfigLoader.defaultPath(environment: environment)))
            return ExitCode.configError
        }
        StderrLogHandler.bootstrap(environment: environment)
        let logger = Logger(label: "aimeter-api")
        do {
            let database = try await DatabaseOpener.open(path: config.database.path) { logger.notice("\($0)") }
            let services = APIServices(
                config: config, database: database, collector: CollectorGateway(socketPath: config.collector.socket),
                displayItems: .antigravityPools, logger: logger)
            let app = APIServer.buildApplication(services) { port in
                logger.notice("listening on \(config.server.host):\(port.map(String.init) ?? "?")")
                SystemdNotifier.notify("READY=1\nSTATUS=Serving on \(config.server.host):\(port.map(String.init) ?? "?")")
            }
            try await app.runService()
            SystemdNotifier.notify("STOPPING=1")
            return 0
        } catch {
            logger.critical("\(String(describing: error))")
            return 1
        }
    }
}
