/// `aimeter check-config`: load, validate and print the configuration the daemons would use.
public enum ConfigCheck {
    /// What the command prints and its exit status.
    public struct Outcome: Sendable, Equatable {
        /// For standard output: the resolved configuration (secrets masked) and a summary line; empty on failure.
        public var output: String
        /// For standard error: every problem with its key path; empty on success.
        public var errors: String
        /// 0 when valid, ``ExitCode/configError`` (78) when not.
        public var exitCode: Int32
    }

    /// Checks the configuration that `--config PATH` (or, when nil, `AIMETER_CONFIG_FILE` or
    /// `/etc/aimeter/config.yaml`) selects, with the same rules as the daemons.
    public static func run(commandLinePath: String?, environment: [String: String]) -> Outcome {
        do {
            let loaded = try ConfigLoader.load(commandLinePath: commandLinePath, environment: environment)
            let count = loaded.config.providers.count
            let summary = "# configuration is valid: \(count) provider\(count == 1 ? "" : "s")\n"
            return Outcome(output: ConfigRenderer.render(loaded) + summary, errors: "", exitCode: 0)
        } catch {
            let source = ConfigLoader.selectedPath(commandLinePath: commandLinePath, environment: environment)
            return Outcome(output: "", errors: error.report(sourcePath: source) + "\n", exitCode: ExitCode.configError)
        }
    }
}
