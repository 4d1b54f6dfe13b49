/// A loaded configuration together with the origin of each setting, keyed by key path
/// (`server.port`, `auth.endpointSecret`, ...).
public struct LoadedConfig: Sendable, Equatable {
    /// The configuration.
    public var config: AppConfig
    /// Origin of each setting by key path: every key of `server`, `database`, `collector` and
    /// `auth` (defaults included), and the keys written in provider entries (`providers[0].name`).
    public var origins: [String: ValueOrigin]

    /// 1-based YAML line of each key path written in the file (`providers[2].options.region`).
    public var lines: [String: Int]

    /// Creates a loaded configuration.
    public init(config: AppConfig, origins: [String: ValueOrigin], lines: [String: Int] = [:]) {
        self.config = config
        self.origins = origins
        self.lines = lines
    }

    /// The line of `keyPath`, or of its nearest ancestor written in the file
    /// (`providers[2].options.missing` → the line of `providers[2].options`). Lets checks made
    /// after loading, like the provider adapters', report lines too.
    public func line(for keyPath: String) -> Int? {
        var path = Substring(keyPath)
        while !path.isEmpty {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
        return nil
    }
}
