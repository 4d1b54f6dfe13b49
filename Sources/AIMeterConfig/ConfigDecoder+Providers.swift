import AIMeterCore
import Foundation

extension KeySchema {
    static let provider = KeySchema(
        subject: "a provider entry",
        keys: ["id", "provider", "name", "region", "refreshInterval", "baseUrl", "plan", "credentials", "options"],
        renamed: [
            "type": "the provider type is set with `provider:` (the credential type goes in credentials.type)",
            "authType": "set the credential type as credentials.type",
            "claudeAuthMode": "the Claude auth mode follows credentials.type (oauth or cookie); remove claudeAuthMode",
            "attrs": "provider-specific settings go under options:",
            "opencodeWorkspaceId": "put provider-specific settings under options: (options.workspaceId)",
            "defaultProgressItem": "put provider-specific settings under options:",
        ])
}

extension ConfigDecoder {
    /// Longest accepted `refreshInterval` (one year in minutes).
    static let maxRefreshIntervalMinutes = 525_600

    mutating func decodeProviders(_ node: ConfigNode?) -> [ProviderConfig] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let items) = node.content else {
            report("providers", "must be a list of provider entries (each starting with \"- provider: ...\"), not \(node.kindDescription)", line: node.line)
            return []
        }
        var providers: [ProviderConfig] = []
        var firstUse: [String: (index: Int, explicit: Bool)] = [:]
        for (index, item) in items.enumerated() {
            let path = "providers[\(index)]"
            record(path, line: item.line)
            guard let (provider, explicitID) = decodeProvider(item, at: path, position: index + 1) else { continue }
            if let previous = firstUse[provider.id] {
                reportDuplicate(provider, at: path, line: item.line, explicit: explicitID, previous: previous)
                continue
            }
            firstUse[provider.id] = (index, explicitID)
            providers.append(provider)
        }
        return providers
    }

    private mutating func reportDuplicate(
        _ provider: ProviderConfig, at path: String, line: Int?, explicit: Bool, previous: (index: Int, explicit: Bool)
    ) {
        if explicit {
            report("\(path).id", "duplicate id \"\(provider.id)\", already used by providers[\(previous.index)]", line: line)
        } else {
            let sameName = provider.name.map { "name \"\($0)\"" } ?? "no name"
            report(
                path,
                "derived id \(provider.id) is the same as providers[\(previous.index)]'s (same provider \(provider.type.rawValue), \(sameName)); give the entries distinct names or explicit ids",
                line: line)
        }
    }

    /// One entry, or nil when it is too broken to build (its problems are reported).
    private mutating func decodeProvider(_ node: ConfigNode, at path: String, position: Int) -> (ProviderConfig, Bool)? {
        let map = mapping(node, at: path, schema: .provider)
        guard case .mapping = node.content else { return nil }
        let type = providerType(map, line: node.line)
        let id = string(map, "id")
        if let id, !ProviderID.isValid(id) {
            report(map.path("id"), "\(quoted(id)) is not a valid id: use 1 to 64 letters, digits, \"_\" or \"-\"", line: map["id"]?.line)
        }
        let name = string(map, "name")
        let region = string(map, "region")
        let plan = string(map, "plan")
        let interval = integer(map, "refreshInterval", range: 0...Self.maxRefreshIntervalMinutes)
        let baseURL = string(map, "baseUrl").flatMap { checkedBaseURL($0, at: map.path("baseUrl"), line: map["baseUrl"]?.line) }
        let credentials = decodeCredentials(map.value("credentials"), at: map.path("credentials"))
        let options = decodeOptions(map.value("options"), at: map.path("options"))
        guard let type else { return nil }
        let resolvedID = id.flatMap { ProviderID.isValid($0) ? $0 : nil } ?? ProviderID.derive(type: type, name: name)
        let config = ProviderConfig(
            id: resolvedID, type: type, name: name, region: region, refreshIntervalMinutes: interval ?? 5,
            baseURL: baseURL, plan: plan, credentials: credentials, options: options, displayOrder: position)
        return (config, id != nil)
    }

    private mutating func providerType(_ map: MappingNode, line: Int?) -> ProviderType? {
        let valid = ProviderType.allCases.map(\.rawValue)
        guard let setting = raw(map, "provider", env: nil, expected: "a provider type") else {
            if map.value("provider") == nil {
                report(map.path("provider"), "is required; valid types: \(valid.joined(separator: ", "))", line: line)
            }
            return nil
        }
        let text = setting.text.trimmingCharacters(in: .whitespaces)
        if let type = ProviderType(rawValue: text.lowercased()) { return type }
        let hint = KeySuggestion.hint(for: text, in: valid)
        report(
            map.path("provider"), "unknown provider type \(quoted(text))\(hint); valid types: \(valid.joined(separator: ", "))",
            line: setting.line)
        return nil
    }

    /// An absolute http(s) URL without credentials, query or fragment (adapters append paths to it).
    private mutating func checkedBaseURL(_ text: String, at path: String, line: Int?) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            report(path, "must be an absolute http:// or https:// URL with a host", line: line)
            return nil
        }
        guard components.user == nil, components.password == nil else {
            report(path, "must not contain user:password; put the secret in credentials", line: line)
            return nil
        }
        guard components.query == nil, components.fragment == nil else {
            report(path, "must not have a query (?...) or fragment (#...)", line: line)
            return nil
        }
        return text
    }
}
