import Foundation

/// Reads and validates the configuration: YAML file > `AIMETER_*` environment variable > default.
///
/// Every entry point either returns a complete, valid configuration or throws one ``ConfigError``
/// listing every problem found.
public enum ConfigLoader {
    /// Used when neither `--config` nor `AIMETER_CONFIG_FILE` names a file.
    public static let standardPath = "/etc/aimeter/config.yaml"

    /// `$AIMETER_CONFIG_FILE` when set and non-empty, else `/etc/aimeter/config.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        explicitPath(commandLinePath: nil, environment: environment) ?? standardPath
    }

    /// Loads the file at `path`; a missing or unreadable file is an error.
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> AppConfig {
        try loadDetailed(path: path, environment: environment).config
    }

    /// Loads configuration text; `sourcePath` (if any) names it in messages and anchors relative `...File` paths.
    public static func load(yaml: String, environment: [String: String], sourcePath: String?) throws(ConfigError) -> AppConfig {
        try loadDetailed(yaml: yaml, environment: environment, sourcePath: sourcePath).config
    }

    /// The daemons' and CLI's entry point. A path given with `--config` or `AIMETER_CONFIG_FILE`
    /// must exist; without either, `/etc/aimeter/config.yaml` is read when it exists and
    /// otherwise the configuration comes from the environment and defaults alone.
    public static func load(commandLinePath: String?, environment: [String: String]) throws(ConfigError) -> LoadedConfig {
        guard let path = selectedPath(commandLinePath: commandLinePath, environment: environment) else {
            return try loadDetailed(yaml: "", environment: environment, sourcePath: nil)
        }
        return try loadDetailed(path: path, environment: environment)
    }

    /// The file ``load(commandLinePath:environment:)`` reads: `--config`, else `AIMETER_CONFIG_FILE`,
    /// else `/etc/aimeter/config.yaml` when it exists; nil means environment and defaults only.
    public static func selectedPath(commandLinePath: String?, environment: [String: String]) -> String? {
        if let path = explicitPath(commandLinePath: commandLinePath, environment: environment) { return path }
        return FileManager.default.fileExists(atPath: standardPath) ? standardPath : nil
    }

    /// Like ``load(path:environment:)``, with the origin of each setting.
    public static func loadDetailed(path: String, environment: [String: String]) throws(ConfigError) -> LoadedConfig {
        let text = try readConfigFile(path)
        return try loadDetailed(yaml: text, environment: environment, sourcePath: path)
    }

    /// Like ``load(yaml:environment:sourcePath:)``, with the origin of each setting.
    public static func loadDetailed(
        yaml: String, environment: [String: String], sourcePath: String?
    ) throws(ConfigError) -> LoadedConfig {
        let location = sourcePath ?? "config"
        let root: ConfigNode?
        do {
            root = try YAMLDocument.parse(yaml)
        } catch {
            throw ConfigError(problems: [ConfigProblem(keyPath: location, message: error.message, line: error.line)])
        }
        let baseDirectory = sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        var decoder = ConfigDecoder(environment: environment, baseDirectory: baseDirectory)
        if let root, !root.isNull, !root.isMapping {
            let message = "the top level must be a mapping (server:, providers:, ...), not \(root.kindDescription)"
            throw ConfigError(problems: [ConfigProblem(keyPath: location, message: message, line: root.line)])
        }
        let top = decoder.mapping(root, at: "", schema: .root)
        let config = AppConfig(
            server: decoder.decodeServer(top.value("server")?.value),
            database: decoder.decodeDatabase(top.value("database")?.value),
            collector: decoder.decodeCollector(top.value("collector")?.value),
            auth: decoder.decodeAuth(top.value("auth")?.value),
            providers: decoder.decodeProviders(top.value("providers")?.value),
            sourcePath: sourcePath)
        guard decoder.problems.isEmpty else { throw ConfigError(problems: decoder.problems) }
        return LoadedConfig(config: config, origins: decoder.origins, lines: decoder.lines)
    }

    private static func explicitPath(commandLinePath: String?, environment: [String: String]) -> String? {
        if let commandLinePath, !commandLinePath.isEmpty { return commandLinePath }
        if let fromEnvironment = environment["AIMETER_CONFIG_FILE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return nil
    }

    private static func readConfigFile(_ path: String) throws(ConfigError) -> String {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        let problem: String
        if !files.fileExists(atPath: path, isDirectory: &isDirectory) {
            problem = "configuration file not found"
        } else if isDirectory.boolValue {
            problem = "is a directory, not a configuration file"
        } else if let data = files.contents(atPath: path) {
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigError(problems: [ConfigProblem(keyPath: path, message: "is not UTF-8 text")])
            }
            return text
        } else {
            problem = "cannot be read by this user (uid \(getuid()))"
        }
        throw ConfigError(problems: [ConfigProblem(keyPath: path, message: problem)])
    }
}
