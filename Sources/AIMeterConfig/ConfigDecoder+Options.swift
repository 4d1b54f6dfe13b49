import AIMeterCore

extension ConfigDecoder {
    /// `options:` as JSON for the provider adapter. Only its shape is checked here (a mapping,
    /// `${ENV}` references that resolve); each adapter validates the contents.
    mutating func decodeOptions(_ entry: ConfigNode.Entry?, at path: String) -> [String: JSONValue] {
        guard let entry else { return [:] }
        guard case .mapping(let entries) = entry.value.content else {
            report(path, "must be a mapping of provider-specific settings, not \(entry.value.kindDescription)", line: entry.line)
            return [:]
        }
        var options: [String: JSONValue] = [:]
        for member in entries {
            let keyPath = ConfigDecoder.path(path, member.key)
            record(keyPath, line: member.line)
            options[member.key] = json(member.value, at: keyPath)
        }
        return options
    }

    private mutating func json(_ node: ConfigNode, at path: String) -> JSONValue {
        switch node.content {
        case .sequence(let items):
            return .array(
                items.enumerated().map { index, item in
                    record("\(path)[\(index)]", line: item.line)
                    return json(item, at: "\(path)[\(index)]")
                })
        case .mapping(let entries):
            var object = JSONObject()
            for member in entries {
                let keyPath = ConfigDecoder.path(path, member.key)
                record(keyPath, line: member.line)
                object[member.key] = json(member.value, at: keyPath)
            }
            return .object(object)
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return .null
            case .bool: return .bool(["yes", "true", "on"].contains(scalar.text.lowercased()))
            case .int, .float: return scalar.number.map(JSONValue.number) ?? .string(scalar.text)
            case .timestamp: return .string(scalar.text)
            case .string:
                switch EnvironmentSubstitution.expand(scalar.text, environment: environment) {
                case .success(let text): return .string(text)
                case .failure(let failure):
                    report(path, failure.message, line: node.line)
                    return .null
                }
            }
        }
    }
}
