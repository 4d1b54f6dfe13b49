import AIMeterConfig
import AIMeterCore
import Foundation

/// The provider-specific half of configuration checking: every entry must have an adapter,
/// and the adapter's own checks (`credentials`, `options`, `region`) must pass. Problems are
/// configuration errors with full key paths (`providers[2].options.workspaceId`).
enum ProviderValidation {
    /// Every problem of every provider entry, in file order.
    static func problems(in config: AppConfig, adapters: PollRunner.AdapterLookup) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        for (index, provider) in config.providers.enumerated() {
            let base = "providers[\(index)]"
            guard let adapter = adapters(provider.type) else {
                problems.append(ConfigProblem(keyPath: "\(base).provider", message: "no adapter for provider type \(provider.type.rawValue)"))
                continue
            }
            for problem in adapter.validate(provider) {
                problems.append(locate(problem, under: base))
            }
        }
        return problems
    }

    /// Splits an adapter's `credentials.type: message` into key path and message.
    static func locate(_ problem: String, under base: String) -> ConfigProblem {
        let parts = problem.split(separator: ": ", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains(" ") else {
            return ConfigProblem(keyPath: base, message: problem)
        }
        return ConfigProblem(keyPath: "\(base).\(parts[0])", message: String(parts[1]))
    }

    /// Loads the configuration the way both startup and reload do: file/environment/defaults,
    /// then the adapters' checks. Throws one ``ConfigError`` with every problem.
    static func loadConfig(
        commandLinePath: String?,
        environment: [String: String],
        adapters: PollRunner.AdapterLookup
    ) throws(ConfigError) -> AppConfig {
        let config = try ConfigLoader.load(commandLinePath: commandLinePath, environment: environment).config
        let problems = problems(in: config, adapters: adapters)
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }
}
