import AIMeterCore

/// Reusable pieces of ``ProviderAdapter/validate(_:)``.
public enum ProviderConfigChecks {
    /// A problem unless the entry has a credential of one of `kinds` (`oauth`, `cookie`, ...).
    public static func credentialKind(_ config: ProviderConfig, allowed kinds: [String]) -> [String] {
        guard let credentials = config.credentials else {
            return ["credentials: required for provider \(config.type.rawValue) (\(kinds.joined(separator: " or ")))"]
        }
        guard kinds.contains(credentials.kind) else {
            return ["credentials.type: \(credentials.kind) is not supported by provider \(config.type.rawValue); use \(kinds.joined(separator: " or "))"]
        }
        if let secret = credentials.secretValue, secret.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return ["credentials.value: must not be empty"]
        }
        if let tokens = credentials.oauthTokens, tokens.accessToken.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return ["credentials.accessToken: must not be empty"]
        }
        return []
    }

    /// One problem per `options` key not in `known`.
    public static func unknownOptions(_ config: ProviderConfig, known: Set<String>) -> [String] {
        config.options.keys.sorted().filter { !known.contains($0) }.map {
            "options.\($0): unknown option for provider \(config.type.rawValue)"
        }
    }

    /// A problem when `options.<key>` is present but not a non-empty string; with `urlLike`,
    /// also when it does not start with `http://` or `https://`.
    public static func stringOption(_ config: ProviderConfig, _ key: String, urlLike: Bool = false) -> [String] {
        guard let value = config.options[key] else { return [] }
        guard let text = value.nonEmptyString else { return ["options.\(key): must be a non-empty string"] }
        if urlLike && !(text.hasPrefix("http://") || text.hasPrefix("https://")) {
            return ["options.\(key): must be an http(s) URL"]
        }
        return []
    }
}
