import Foundation

/// A setting's text before it is converted to its type, with where it came from.
struct RawSetting {
    var text: String
    /// The YAML type, or `.string` for values from the environment or from `${...}` expansion.
    var kind: ConfigNode.ScalarKind
    var integer: Int?
    var number: Double?
    var line: Int?
    var origin: ValueOrigin

    /// ` (from AIMETER_X)` for values that came from the environment, so the operator looks in the right place.
    var sourceSuffix: String {
        if case .environment(let name) = origin { return " (from \(name))" }
        return ""
    }
}

extension ConfigDecoder {
    /// The text of a YAML scalar with `${NAME}` references expanded. Reports and returns nil for
    /// lists, mappings and failed expansions; returns nil silently for null.
    mutating func scalarText(_ entry: ConfigNode.Entry, at path: String, expected: String) -> RawSetting? {
        guard case .scalar(let scalar) = entry.value.content else {
            report(path, "must be \(expected), not \(entry.value.kindDescription)", line: entry.line)
            return nil
        }
        if scalar.kind == .null { return nil }
        guard scalar.kind == .string else {
            return RawSetting(
                text: scalar.text, kind: scalar.kind, integer: scalar.integer, number: scalar.number,
                line: entry.line, origin: .configFile)
        }
        switch EnvironmentSubstitution.expand(scalar.text, environment: environment) {
        case .success(let text):
            return RawSetting(text: text, kind: .string, line: entry.line, origin: .configFile)
        case .failure(let failure):
            report(path, failure.message, line: entry.line)
            return nil
        }
    }

    /// config.yaml value, else the environment variable, else nil. Empty strings count as unset
    /// in both places, so `key: ""` or `key: ${EMPTY}` falls through to the environment.
    /// `expected` names the type for messages ("an integer").
    mutating func raw(_ map: MappingNode, _ key: String, env: String?, expected: String) -> RawSetting? {
        let keyPath = map.path(key)
        if let entry = map.value(key) {
            guard let setting = scalarText(entry, at: keyPath, expected: expected) else {
                // A reported problem: do not hide it behind the environment value.
                return nil
            }
            if !setting.text.isEmpty {
                record(keyPath, .configFile)
                return setting
            }
        }
        if let env, let text = environment[env], !text.isEmpty {
            record(keyPath, .environment(env))
            return RawSetting(text: text, kind: .string, origin: .environment(env))
        }
        record(keyPath, .defaultValue)
        return nil
    }

    /// A trimmed, non-empty string setting.
    mutating func string(_ map: MappingNode, _ key: String, env: String? = nil) -> String? {
        guard let setting = raw(map, key, env: env, expected: "a string") else { return nil }
        let text = setting.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// An integer setting within `range`; out-of-range values are reported, never clamped.
    mutating func integer(_ map: MappingNode, _ key: String, env: String? = nil, range: ClosedRange<Int>) -> Int? {
        guard let setting = raw(map, key, env: env, expected: "an integer") else { return nil }
        let keyPath = map.path(key)
        let value: Int
        switch setting.kind {
        case .int:
            guard let integer = setting.integer else {
                report(keyPath, "is too large\(setting.sourceSuffix)", line: setting.line)
                return nil
            }
            value = integer
        case .string:
            guard let parsed = Int(setting.text.trimmingCharacters(in: .whitespaces)) else {
                report(keyPath, "must be an integer, got \(quoted(setting.text))\(setting.sourceSuffix)", line: setting.line)
                return nil
            }
            value = parsed
        case .float:
            report(keyPath, "must be a whole number, got \(setting.text)\(setting.sourceSuffix)", line: setting.line)
            return nil
        case .bool, .timestamp, .null:
            report(keyPath, "must be an integer, not \(setting.kind == .bool ? "a boolean" : "a date")", line: setting.line)
            return nil
        }
        return checked(value, range: range, keyPath: keyPath, setting: setting) ? value : nil
    }

    /// A finite number setting within `range` (integers and decimals accepted).
    mutating func number(_ map: MappingNode, _ key: String, env: String? = nil, range: ClosedRange<Int>) -> Double? {
        guard let setting = raw(map, key, env: env, expected: "a number") else { return nil }
        let keyPath = map.path(key)
        let value: Double
        switch setting.kind {
        case .int, .float:
            guard let number = setting.number, number.isFinite else {
                report(keyPath, "must be a finite number\(setting.sourceSuffix)", line: setting.line)
                return nil
            }
            value = number
        case .string:
            guard let parsed = Double(setting.text.trimmingCharacters(in: .whitespaces)), parsed.isFinite else {
                report(keyPath, "must be a number, got \(quoted(setting.text))\(setting.sourceSuffix)", line: setting.line)
                return nil
            }
            value = parsed
        case .bool, .timestamp, .null:
            report(keyPath, "must be a number, not \(setting.kind == .bool ? "a boolean" : "a date")", line: setting.line)
            return nil
        }
        let inRange = value >= Double(range.lowerBound) && value <= Double(range.upperBound)
        if !inRange { reportRange(keyPath, range: range, got: setting.text, setting: setting) }
        return inRange ? value : nil
    }

    private mutating func checked(_ value: Int, range: ClosedRange<Int>, keyPath: String, setting: RawSetting) -> Bool {
        guard !range.contains(value) else { return true }
        reportRange(keyPath, range: range, got: String(value), setting: setting)
        return false
    }

    private mutating func reportRange(_ keyPath: String, range: ClosedRange<Int>, got: String, setting: RawSetting) {
        let bounds =
            range.upperBound == Int.max
            ? "must be at least \(range.lowerBound)" : "must be between \(range.lowerBound) and \(range.upperBound)"
        report(keyPath, "\(bounds), got \(got)\(setting.sourceSuffix)", line: setting.line)
    }

    /// A value quoted for a message, shortened so a pasted blob does not flood the output.
    func quoted(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(57)) + "..." : text
        return "\"\(short)\""
    }
}
