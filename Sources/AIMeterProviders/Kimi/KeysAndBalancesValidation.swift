import AIMeterCore

/// Config checks shared by the key-and-balance adapters, next to `ProviderConfigChecks`.
enum KeysAndBalancesValidation {
    /// Credential kind, `region` and unknown `options` keys in one call.
    static func problems(_ config: ProviderConfig, credentials: [String], regions: [String], options: Set<String>) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: credentials)
            + regionProblems(config, accepted: regions)
            + ProviderConfigChecks.unknownOptions(config, known: options)
    }

    /// `region` must be absent or one of `accepted` (compared lower-cased); a provider without
    /// regions accepts none.
    static func regionProblems(_ config: ProviderConfig, accepted: [String]) -> [String] {
        guard let region = config.region?.trimmingCharacters(in: .whitespaces), !region.isEmpty else { return [] }
        guard !accepted.contains(region.lowercased()) else { return [] }
        if accepted.isEmpty {
            return ["region: provider \(config.type.rawValue) has no regions; remove the key"]
        }
        return ["region: unknown value \(region) for provider \(config.type.rawValue) (use \(accepted.joined(separator: ", ")))"]
    }
}
