import AIMeterCore

/// Reads typed values out of the `custom` provider's `options`, collecting one problem per
/// bad value (`options.items[1].scale: must be a number greater than 0`) instead of stopping.
struct CustomOptionReader {
    /// Problems found so far, each `<key path>: <message>`.
    private(set) var problems: [String] = []

    mutating func problem(_ keyPath: String, _ message: String) {
        problems.append("\(keyPath): \(message)")
    }

    /// A problem per member of `object` not in `known`.
    mutating func rejectUnknownKeys(_ object: JSONObject, known: [String], at keyPath: String) {
        for key in object.keys where !known.contains(key) {
            problem("\(keyPath).\(key)", "unknown key (use \(known.joined(separator: ", ")))")
        }
    }

    /// The value `extract` finds in `value`; nil when `value` is absent, and nil with the problem
    /// `requirement` when `extract` finds nothing. Every typed reader below is this one.
    mutating func read<T>(
        _ value: JSONValue?, at keyPath: String, requirement: String, _ extract: (JSONValue) -> T?
    ) -> T? {
        guard let value else { return nil }
        guard let typed = extract(value) else {
            problem(keyPath, requirement)
            return nil
        }
        return typed
    }

    /// A path written as a string; nil (with a problem) when it is not a string or does not parse.
    mutating func path(_ value: JSONValue?, at keyPath: String) -> ResponsePath? {
        guard let text = read(value, at: keyPath, requirement: "must be a path string such as data.quota", \.stringValue)
        else { return nil }
        do {
            return try ResponsePath(parsing: text)
        } catch {
            problem(keyPath, error.description)
            return nil
        }
    }

    /// A non-empty string.
    mutating func string(_ value: JSONValue?, at keyPath: String) -> String? {
        read(value, at: keyPath, requirement: "must be a non-empty string", \.nonEmptyString)
    }

    /// A finite number greater than 0.
    mutating func positiveNumber(_ value: JSONValue?, at keyPath: String) -> Double? {
        read(value, at: keyPath, requirement: "must be a number greater than 0") { value in
            guard case .number(let number) = value, number.isFinite, number > 0 else { return nil }
            return number
        }
    }

    /// A boolean.
    mutating func bool(_ value: JSONValue?, at keyPath: String) -> Bool? {
        read(value, at: keyPath, requirement: "must be true or false", \.boolValue)
    }

    /// An object; nil (with a problem) for any other type.
    mutating func object(_ value: JSONValue?, at keyPath: String) -> JSONObject? {
        read(value, at: keyPath, requirement: "must be a map", \.objectValue)
    }
}
