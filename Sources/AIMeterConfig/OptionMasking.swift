import AIMeterCore

/// Masks option values whose key suggests a secret (a custom provider's `headers.Authorization`,
/// an `apiKey` option, ...). Adapters define the options, so this errs on the side of masking.
enum OptionMasking {
    static let secretWords = ["token", "secret", "password", "passwd", "key", "cookie", "auth", "credential", "session"]

    static func isSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return secretWords.contains { lowered.contains($0) }
    }

    /// The value with every string under a secret-looking key replaced by `<redacted len=N>`.
    static func masked(_ value: JSONValue, key: String) -> JSONValue {
        if isSecretKey(key) { return redactAll(value) }
        switch value {
        case .object(let object):
            var copy = JSONObject()
            for member in object.members { copy[member.key] = masked(member.value, key: member.key) }
            return .object(copy)
        case .array(let items): return .array(items.map { masked($0, key: key) })
        default: return value
        }
    }

    private static func redactAll(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(ConfigRenderer.redacted(text))
        case .number(let number): .string(ConfigRenderer.redacted(JSNumber.format(number)))
        case .object(let object):
            .object(object.members.reduce(into: JSONObject()) { result, member in result[member.key] = redactAll(member.value) })
        case .array(let items): .array(items.map(redactAll))
        default: value
        }
    }
}
