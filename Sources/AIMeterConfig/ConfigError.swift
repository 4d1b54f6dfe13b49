/// Everything wrong with a configuration, collected in one pass so the operator can fix it all at once.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems in the order they were found (file order, roughly).
    public var problems: [ConfigProblem]

    /// Creates an error from its problems.
    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    /// One line per problem, `keyPath: message` (plus ` [line N]` when the line is known).
    /// Never contains a secret value.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }

    /// A headline followed by the indented problems, as the daemons and `check-config` print it.
    public func report(sourcePath: String?) -> String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        let source = sourcePath.map { " in \($0)" } ?? ""
        let lines = problems.map { "  \($0.description)" }
        return (["invalid configuration: \(count)\(source)"] + lines).joined(separator: "\n")
    }
}

/// One configuration problem, located by its key path (`server.port`, `providers[2].credentials.type`).
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is: a dotted key path with 0-based list indexes, an environment
    /// variable name, or the configuration file path for problems with the file itself.
    public var keyPath: String
    /// What is wrong and what would be accepted. Never contains a secret value.
    public var message: String
    /// 1-based line in the YAML file, when known.
    public var line: Int?

    /// Creates a problem.
    public init(keyPath: String, message: String, line: Int? = nil) {
        self.keyPath = keyPath
        self.message = message
        self.line = line
    }

    /// `keyPath: message [line N]`.
    public var description: String {
        let location = line.map { " [line \($0)]" } ?? ""
        return "\(keyPath): \(message)\(location)"
    }
}

/// Process exit statuses shared by the binaries.
public enum ExitCode {
    /// `EX_CONFIG` from sysexits.h: the configuration is invalid.
    public static let configError: Int32 = 78
}
