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

    /// A path written as a string; nil (with a problem) when it is not a string or does not parse.
    mutating func path(_ value: JSONValue?, at keyPath: String) -> ResponsePath? {
        guard let value else { return nil }
        guard let text = value.stringValue else {
            problem(keyPath, "must be a path string such as data.quota")
            return nil
        }
        do {
            return try ResponsePath(parsing: text)
        } catch {
            problem(keyPath, error.description)
            return nil
        }
    }

    /// A non-empty string.
    mutating func string(_ value: JSONValue?, at keyPath: String) -> String? {
        guard let value else { return nil }
        guard let text = value.nonEmptyString else {
            problem(keyPath, "must be a non-empty string")
            return nil
        }
        return text
    }

    /// A finite number greater than 0.
    mutating func positiveNumber(_ value: JSONValue?, at keyPath: String) -> Double? {
        guard let value else { return nil }
        guard case .number(let number) = value, number.isFinite, number > 0 else {
            problem(keyPath, "must be a number greater than 0")
            return nil
        }
        return number
    }

    /// A boolean.
    mutating func bool(_ value: JSONValue?, at keyPath: String) -> Bool? {
        guard let value else { return nil }
        guard let flag = value.boolValue else {
            problem(keyPath, "must be true or false")
            return nil
        }
        return flag
    }

    /// An object; nil (with a problem) for any other type.
    mutating func object(_ value: JSONValue?, at keyPath: String) -> JSONObject? {
        guard let value else { return nil }
        guard let object = value.objectValue else {
            problem(keyPath, "must be a map")
            return nil
        }
        return object
    }
}
