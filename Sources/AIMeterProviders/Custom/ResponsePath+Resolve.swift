import AIMeterCore

extension ResponsePath {
    /// What a path found in a document.
    public enum Resolution: Sendable, Equatable {
        /// The value at the end of the path (possibly JSON `null`).
        case found(JSONValue)
        /// The path stops early: `at` is the canonical prefix that found nothing, `reason` says why.
        case missing(at: String, reason: String)
    }

    /// Follows the path from `root`.
    public func resolve(in root: JSONValue) -> Resolution {
        var current = root
        for (offset, segment) in segments.enumerated() {
            let location = prefix(offset + 1)
            switch segment {
            case .key(let key):
                guard let object = current.objectValue else {
                    return .missing(at: location, reason: "\(parentName(offset)) is \(Self.kind(current)), not an object")
                }
                guard let value = object[key] else {
                    return .missing(at: location, reason: "no member \"\(key)\"")
                }
                current = value
            case .index(let index):
                guard let array = current.arrayValue else {
                    return .missing(at: location, reason: "\(parentName(offset)) is \(Self.kind(current)), not an array")
                }
                let resolved = index < 0 ? array.count + index : index
                guard array.indices.contains(resolved) else {
                    return .missing(at: location, reason: "index \(index) is out of range (\(array.count) elements)")
                }
                current = array[resolved]
            case .select(let key, let value):
                guard let array = current.arrayValue else {
                    return .missing(at: location, reason: "\(parentName(offset)) is \(Self.kind(current)), not an array")
                }
                guard let match = array.first(where: { Self.matches($0[key], value) }) else {
                    return .missing(at: location, reason: "no element has \(key) = \(value)")
                }
                current = match
            }
        }
        return .found(current)
    }

    /// Whether a selector's member value equals the written text.
    static func matches(_ member: JSONValue?, _ text: String) -> Bool {
        switch member {
        case .string(let string)?: string == text
        case .number(let number)?: JSNumber.format(number) == text || Double(text) == number
        case .bool(let bool)?: (bool ? "true" : "false") == text
        case .null?: text == "null"
        default: false
        }
    }

    /// The canonical prefix before segment `offset`, or `the answer` for the root.
    func parentName(_ offset: Int) -> String {
        offset == 0 ? "the answer" : prefix(offset)
    }

    /// `a number`, `an object`, ... for messages.
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
