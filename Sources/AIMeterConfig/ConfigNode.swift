/// The YAML document as a small value tree that keeps what validation needs: scalar text and
/// resolved type, key order, duplicate keys and line numbers.
struct ConfigNode: Sendable {
    /// The shape of a node.
    enum Content: Sendable {
        case scalar(Scalar)
        case sequence([ConfigNode])
        case mapping([Entry])
    }

    /// A scalar with the type YAML 1.1 resolution gave it.
    struct Scalar: Sendable {
        /// The text as written (without quotes).
        var text: String
        /// The resolved type.
        var kind: ScalarKind
        /// The value of an `int` scalar (YAML 1.1 forms: `0x1f`, `1_000`, ...).
        var integer: Int? = nil
        /// The value of an `int` or `float` scalar.
        var number: Double? = nil
    }

    /// The YAML types a scalar can resolve to.
    enum ScalarKind: Sendable {
        case string, int, float, bool, null, timestamp
    }

    /// One `key: value` pair of a mapping.
    struct Entry: Sendable {
        var key: String
        var value: ConfigNode
        var line: Int?
    }

    var content: Content
    /// 1-based line where the node starts.
    var line: Int?

    /// Whether the node is a YAML null (`~`, `null` or nothing).
    var isNull: Bool {
        if case .scalar(let scalar) = content, scalar.kind == .null { return true }
        return false
    }

    /// Whether the node is a mapping.
    var isMapping: Bool {
        if case .mapping = content { return true }
        return false
    }

    /// Whether the node is a scalar written as an empty string (`key: ""`).
    var isEmptyString: Bool {
        if case .scalar(let scalar) = content, scalar.kind == .string, scalar.text.isEmpty { return true }
        return false
    }

    /// A word for the node's type, used in "must be X, not Y" messages.
    var kindDescription: String {
        switch content {
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: "a string"
            case .int, .float: "a number"
            case .bool: "a boolean"
            case .null: "null"
            case .timestamp: "a date"
            }
        }
    }
}
