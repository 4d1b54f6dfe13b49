import Yams

/// Parses YAML text into a ``ConfigNode`` tree with Yams (libyaml), resolving anchors, aliases
/// and `<<` merge keys. Plain scalars are typed by ``YAMLScalarResolver`` (Yams's rules without
/// its regular expressions, which would load ICU).
enum YAMLDocument {
    /// A syntax error, reported with its position but never with the offending text (it may be a secret).
    struct SyntaxError: Error {
        var message: String
        var line: Int?
    }

    /// The root node, or nil for an empty document.
    static func parse(_ text: String) throws(SyntaxError) -> ConfigNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw SyntaxError(message: "cannot parse YAML", line: nil)
        }
        return root.map(convert)
    }

    private static func describe(_ error: YamlError) -> SyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return SyntaxError(message: "YAML syntax error: \(contextText)\(problem) at column \(mark.column)", line: mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return SyntaxError(message: "duplicate key \(keys): a key may appear only once in a mapping", line: context.mark.line)
        case .reader(let problem, _, _, _):
            return SyntaxError(message: "YAML cannot be read: \(problem)", line: nil)
        default:
            return SyntaxError(message: "cannot parse YAML", line: nil)
        }
    }

    private static func convert(_ node: Node) -> ConfigNode {
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            let resolved = kind(of: scalar)
            var value = ConfigNode.Scalar(text: scalar.string, kind: resolved)
            if resolved == .int {
                value.integer = node.int
                value.number = node.int.map(Double.init)
            } else if resolved == .float {
                value.number = node.float
            }
            return ConfigNode(content: .scalar(value), line: line)
        case .sequence(let sequence):
            return ConfigNode(content: .sequence(sequence.map(convert)), line: line)
        case .mapping(let mapping):
            return ConfigNode(content: .mapping(entries(of: mapping)), line: line)
        case .alias:
            // Yams resolves aliases while composing; an alias node never reaches this point.
            return ConfigNode(content: .scalar(.init(text: "", kind: .null)), line: line)
        }
    }

    /// Mapping entries with `<<` merges applied: merged keys come first and keys written in the
    /// mapping itself override them, as YAML merge keys specify.
    private static func entries(of mapping: Node.Mapping) -> [ConfigNode.Entry] {
        var own: [ConfigNode.Entry] = []
        var merged: [ConfigNode.Entry] = []
        for (key, value) in mapping {
            if isMergeKey(key) {
                let sources: [Node] =
                    switch value {
                    case .sequence(let sequence): Array(sequence)
                    default: [value]
                    }
                for source in sources {
                    guard case .mapping(let inner) = source else { continue }
                    for entry in entries(of: inner) where !merged.contains(where: { $0.key == entry.key }) {
                        merged.append(entry)
                    }
                }
                continue
            }
            own.append(ConfigNode.Entry(key: key.string ?? "", value: convert(value), line: key.mark?.line))
        }
        let overridden = merged.filter { entry in !own.contains { $0.key == entry.key } }
        return overridden + own
    }

    /// A plain `<<` key.
    private static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key else { return false }
        return tag(of: scalar) == .merge
    }

    /// The scalar's tag: its explicit one, or for a plain untagged scalar (the only kind Yams
    /// leaves implicit) the one ``YAMLScalarResolver`` gives it.
    private static func tag(of scalar: Node.Scalar) -> Tag.Name {
        let written = Tag.Name(rawValue: scalar.tag.description)
        return written == .implicit ? YAMLScalarResolver.tag(of: scalar.string) : written
    }

    private static func kind(of scalar: Node.Scalar) -> ConfigNode.ScalarKind {
        switch tag(of: scalar) {
        case .int: .int
        case .float: .float
        case .bool: .bool
        case .null: .null
        case .timestamp: .timestamp
        default: .string
        }
    }
}
