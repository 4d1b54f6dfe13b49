import AIMeterCore

/// The explicit list of adapters. Adding a provider means one new folder plus one line in the
/// part-list that owns its family; there is no reflection and no registration side effect.
public enum ProviderRegistry {
    /// Every adapter, one per provider type.
    public static let all: [any ProviderAdapter] =
        builtInAdapters + subscriptionWindowAdapters + agentWindowAdapters + keyAndBalanceAdapters + relayAdapters

    /// The adapter serving `type`, if one exists.
    public static func adapter(for type: ProviderType) -> (any ProviderAdapter)? {
        all.first(where: { $0.type == type })
    }

    /// Built-in adapters that need no account.
    static let builtInAdapters: [any ProviderAdapter] = [DemoAdapter()]
}

extension ProviderRegistry {
    /// Provider-specific problems of every entry, each prefixed with its key path
    /// (`providers[2].options.profile: ...`). The collector refuses to start (and keeps its old
    /// configuration on reload) when this is not empty; `aimeter check-config` prints it.
    public static func problems(in providers: [ProviderConfig]) -> [(keyPath: String, message: String)] {
        var problems: [(keyPath: String, message: String)] = []
        for (index, config) in providers.enumerated() {
            let prefix = "providers[\(index)]"
            guard let adapter = adapter(for: config.type) else {
                problems.append(("\(prefix).provider", "provider type \(config.type.rawValue) is not supported by this build"))
                continue
            }
            for problem in adapter.validate(config) {
                // Adapters write "options.x: message"; split the relative key path from the message.
                if let separator = problem.range(of: ": "), !problem[..<separator.lowerBound].contains(" ") {
                    problems.append(("\(prefix).\(problem[..<separator.lowerBound])", String(problem[separator.upperBound...])))
                } else {
                    problems.append((prefix, problem))
                }
            }
        }
        return problems
    }
}
