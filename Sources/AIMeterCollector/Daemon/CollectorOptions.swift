import Foundation

/// The collector's command line: `aimeter-collector [--config PATH] [--help] [--version]`.
public struct CollectorOptions: Sendable, Equatable {
    /// What the command line asks for.
    public enum Action: Sendable, Equatable {
        /// Run the daemon.
        case run
        /// Print usage and exit 0.
        case help
        /// Print the version and exit 0.
        case version
    }

    /// The action.
    public var action: Action = .run
    /// `--config PATH`; nil means `$AIMETER_CONFIG_FILE`, else `/etc/aimeter/config.yaml`.
    public var configPath: String?

    /// Usage text for `--help`.
    public static let usage = """
        Usage: aimeter-collector [--config PATH]

        Polls the configured AI providers, stores their quotas in SQLite and answers the
        control socket. Runs in the foreground; meant for systemd (Type=notify).

        Options:
          --config PATH   configuration file (default: $AIMETER_CONFIG_FILE, else /etc/aimeter/config.yaml)
          --help          show this help and exit
          --version       show the version and exit

        Signals: SIGHUP reloads the configuration, SIGTERM/SIGINT stop gracefully.
        Environment: AIMETER_LOG_LEVEL (trace, debug, info, notice, warning, error, critical).
        """

    /// Creates options.
    public init(action: Action = .run, configPath: String? = nil) {
        self.action = action
        self.configPath = configPath
    }

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws(CollectorUsageError) -> CollectorOptions {
        var options = CollectorOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--help", "-h":
                options.action = .help
            case "--version", "-V":
                if options.action != .help { options.action = .version }
            case "--config", "-c":
                guard let path = remaining.popFirst(), !path.isEmpty else {
                    throw CollectorUsageError(message: "\(argument) needs a path")
                }
                options.configPath = path
            case let flag where flag.hasPrefix("--config="):
                let path = String(flag.dropFirst("--config=".count))
                guard !path.isEmpty else { throw CollectorUsageError(message: "--config needs a path") }
                options.configPath = path
            default:
                throw CollectorUsageError(message: "unknown argument \(argument)")
            }
        }
        return options
    }
}

/// A command-line mistake (exit status 64, EX_USAGE).
public struct CollectorUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// `EX_USAGE` from sysexits.h.
    public static let exitCode: Int32 = 64

    /// The reason, for logs and stderr.
    public var description: String { message }
}
