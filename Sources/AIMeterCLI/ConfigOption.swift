import AIMeterConfig
import AIMeterLogging
import AIMeterProviders
import ArgumentParser
import Foundation

/// `--config PATH`, shared by every command that reads the configuration.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: $AIMETER_CONFIG_FILE, else /etc/aimeter/config.yaml).")
    var config: String?

    /// Loads and fully validates the configuration (including provider-specific options), or
    /// prints every problem and exits with status 78.
    func load() throws -> AppConfig {
        let environment = ProcessInfo.processInfo.environment
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader.load(commandLinePath: config, environment: environment)
        } catch {
            let source = config ?? ConfigLoader.defaultPath(environment: environment)
            StandardError.print(error.report(sourcePath: source))
            throw ExitCode(CLIExitCode.configError)
        }
        let adapterProblems = ProviderRegistry.problems(in: loaded.config.providers)
        guard adapterProblems.isEmpty else {
            let problems = adapterProblems.map { ConfigProblem(keyPath: $0.keyPath, message: $0.message) }
            StandardError.print(ConfigError(problems: problems).report(sourcePath: loaded.config.sourcePath))
            throw ExitCode(CLIExitCode.configError)
        }
        return loaded.config
    }
}
