import AIMeterCore

/// Small helpers that write YAML by hand, so the rendered configuration keeps aimeter's key
/// order and its comments.
enum YAMLText {
    /// A string as a plain scalar when YAML reads it back as the same string, else double-quoted.
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : JSONValue.string(text).serialized()
    }

    /// A number without a trailing `.0` for whole values.
    static func number(_ value: Double) -> String {
        JSNumber.format(value)
    }

    /// A JSON value in YAML flow style (JSON is a subset of YAML); object keys sorted for stable output.
    static func flow(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): scalar(text)
        case .object(let object):
            "{" + object.members.sorted { $0.key < $1.key }.map { "\(scalar($0.key)): \(flow($0.value))" }
                .joined(separator: ", ") + "}"
        case .array(let items): "[" + items.map(flow).joined(separator: ", ") + "]"
        default: value.serialized()
        }
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 200, !text.contains(where: { $0.isNewline || $0 == "#" || $0 == "\t" }),
            text.first?.isWhitespace == false, text.last?.isWhitespace == false
        else { return false }
        // Let libyaml decide: the text must read back as the same string (not a number, bool,
        // null or syntax), both as a block value and inside flow collections.
        let contexts = ["k: \(text)", "k: [\(text)]", "k: {v: \(text)}"]
        return contexts.allSatisfy { yaml in
            guard let root = try? YAMLDocument.parse(yaml), case .mapping(let entries) = root.content,
                let value = entries.first(where: { $0.key == "k" })?.value
            else { return false }
            let scalar: ConfigNode
            switch value.content {
            case .sequence(let items) where items.count == 1: scalar = items[0]
            case .mapping(let inner) where inner.count == 1 && inner[0].key == "v": scalar = inner[0].value
            case .scalar: scalar = value
            default: return false
            }
            guard case .scalar(let read) = scalar.content else { return false }
            return read.text == text && read.kind == .string
        }
    }
}

/// Lines of a YAML document under construction.
struct YAMLLines {
    private(set) var lines: [String] = []

    mutating func comment(_ text: String) {
        lines.append("# \(text)")
    }

    /// `key:` opening a nested mapping or list.
    mutating func open(_ key: String, indent: Int, comment: String? = nil) {
        append("\(pad(indent))\(key):", comment: comment)
    }

    /// `key: value` with an already-rendered value.
    mutating func pair(_ key: String, _ value: String, indent: Int, comment: String? = nil) {
        append("\(pad(indent))\(key): \(value)", comment: comment)
    }

    /// `- key: value`, the first pair of a list item.
    mutating func item(_ key: String, _ value: String, indent: Int, comment: String? = nil) {
        append("\(pad(indent))- \(key): \(value)", comment: comment)
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    private mutating func append(_ line: String, comment: String?) {
        lines.append(comment.map { "\(line)  # \($0)" } ?? line)
    }

    private func pad(_ indent: Int) -> String {
        String(repeating: "  ", count: indent)
    }
}
