/// Walks the YAML tree section by section, collecting every problem instead of stopping at the
/// first, and remembering where each setting came from.
struct ConfigDecoder {
    /// Process environment used for `${NAME}` references and `AIMETER_*` fallbacks.
    let environment: [String: String]
    /// Directory that relative `...File` paths are resolved against (the config file's directory).
    let baseDirectory: String?
    private(set) var problems: [ConfigProblem] = []
    private(set) var origins: [String: ValueOrigin] = [:]
    /// YAML line of every key path seen, so later checks (provider adapters) can point at lines too.
    private(set) var lines: [String: Int] = [:]

    init(environment: [String: String], baseDirectory: String?) {
        self.environment = environment
        self.baseDirectory = baseDirectory
    }

    mutating func report(_ keyPath: String, _ message: String, line: Int? = nil) {
        problems.append(ConfigProblem(keyPath: keyPath, message: message, line: line))
    }

    mutating func record(_ keyPath: String, _ origin: ValueOrigin) {
        origins[keyPath] = origin
    }

    mutating func record(_ keyPath: String, line: Int?) {
        if let line { lines[keyPath] = line }
    }

    /// Joins a parent path and a key (`server` + `port` → `server.port`).
    static func path(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// Opens a mapping node: an absent or null node is an empty mapping; anything else that is
    /// not a mapping is reported. Unknown keys are reported here, once (libyaml rejects duplicate keys).
    mutating func mapping(_ node: ConfigNode?, at path: String, schema: KeySchema) -> MappingNode {
        guard let node, !node.isNull else { return MappingNode(path: path, line: node?.line, entries: []) }
        guard case .mapping(let entries) = node.content else {
            report(path, "must be a mapping of \(schema.subject), not \(node.kindDescription)", line: node.line)
            return MappingNode(path: path, line: node.line, entries: [])
        }
        for entry in entries {
            let keyPath = Self.path(path, entry.key)
            record(keyPath, line: entry.line)
            if !schema.keys.contains(entry.key) {
                report(keyPath, schema.unknownKeyMessage(entry.key), line: entry.line)
            }
        }
        return MappingNode(path: path, line: node.line, entries: entries.filter { schema.keys.contains($0.key) })
    }
}

/// The known keys of one mapping, and how to explain an unknown one.
struct KeySchema {
    /// What the mapping holds, for messages ("server settings").
    var subject: String
    /// Accepted keys in documentation order.
    var keys: [String]
    /// Keys from AIMeter or older drafts with the advice to give instead of a spelling hint.
    var renamed: [String: String] = [:]

    func unknownKeyMessage(_ key: String) -> String {
        if let advice = renamed[key] { return "unknown key: \(advice)" }
        let hint = KeySuggestion.hint(for: key, in: keys)
        return "unknown key\(hint) in \(subject); valid keys: \(keys.joined(separator: ", "))"
    }
}

/// A mapping whose unknown and duplicate keys were already reported; only known keys remain.
struct MappingNode {
    var path: String
    var line: Int?
    var entries: [ConfigNode.Entry]

    subscript(key: String) -> ConfigNode.Entry? {
        entries.first { $0.key == key }
    }

    /// The entry for `key` when it is present and not null.
    func value(_ key: String) -> ConfigNode.Entry? {
        guard let entry = self[key], !entry.value.isNull else { return nil }
        return entry
    }

    func path(_ key: String) -> String {
        ConfigDecoder.path(path, key)
    }
}
