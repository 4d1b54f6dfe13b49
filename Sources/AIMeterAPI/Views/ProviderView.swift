import AIMeterCore
import AIMeterStore

/// AIMeter's provider view (`serializeProvider`, reference/api.md §1.5), built from the config
/// mirror in the database. Credentials never appear; admins see only the credential kind.
public enum ProviderView {
    /// The view: `id`, `provider`, `name`, `refreshInterval`, `displayOrder`, `region`?,
    /// `claudeAuthMode`?, `plan`?, `opencodeWorkspaceId`?, `defaultProgressItem`, `attrs`,
    /// then `credentials` (`{type}`) for admins.
    public static func render(_ provider: StoredProvider, includeCredentialKind: Bool) -> JSONValue {
        var view = JSONObject()
        view["id"] = .string(provider.id)
        view["provider"] = .string(provider.type.rawValue)
        view["name"] = .string(provider.name)
        view["refreshInterval"] = .number(Double(provider.refreshIntervalMinutes))
        view["displayOrder"] = .number(Double(provider.displayOrder))
        if let region = provider.region, !region.isEmpty { view["region"] = .string(region) }
        if provider.type == .claude, let kind = provider.credentialKind, kind == "oauth" || kind == "cookie" {
            view["claudeAuthMode"] = .string(kind)
        }
        if let plan = PlanResolver.trimmed(provider.plan) { view["plan"] = .string(plan) }
        if let workspace = openCodeWorkspace(provider) { view["opencodeWorkspaceId"] = .string(workspace) }
        view["defaultProgressItem"] = provider.options["defaultProgressItem"]?.stringValue.map { .string($0) } ?? .null
        view["attrs"] = .object(attrs(provider))
        if includeCredentialKind, let kind = provider.credentialKind {
            view["credentials"] = ["type": .string(kind)]
        }
        return .object(view)
    }

    static func attrs(_ provider: StoredProvider) -> JSONObject {
        var attrs = JSONObject()
        attrs["refreshInterval"] = .number(Double(provider.refreshIntervalMinutes))
        attrs["displayOrder"] = .number(Double(provider.displayOrder))
        if let region = provider.region, !region.isEmpty { attrs["region"] = .string(region) }
        if let plan = PlanResolver.trimmed(provider.plan) { attrs["plan"] = .string(plan) }
        if let workspace = openCodeWorkspace(provider) { attrs["opencodeWorkspaceId"] = .string(workspace) }
        if let item = provider.options["defaultProgressItem"] { attrs["defaultProgressItem"] = item }
        if provider.type == .antigravity {
            // AIMeter nests the pooling settings under `attrs.antigravity`; aimeter keeps them in `options`.
            var antigravity = JSONObject()
            if let mode = provider.options["displayMode"] { antigravity["displayMode"] = mode }
            if let pools = provider.options["poolConfig"] { antigravity["poolConfig"] = pools }
            if !antigravity.isEmpty { attrs["antigravity"] = .object(antigravity) }
        }
        return attrs
    }

    /// Only display settings are echoed from `options`: an option could, in principle, be
    /// something an operator would rather not show, and the UI needs nothing else.
    static func openCodeWorkspace(_ provider: StoredProvider) -> String? {
        guard provider.type == .opencode else { return nil }
        return provider.options["workspaceId"]?.stringValue
    }
}
