import AIMeterCore
import AIMeterHTTP
import Foundation

/// Antigravity model quotas from Google's Cloud Code Assist internal API, with Google OAuth.
///
/// Requests: `loadCodeAssist` (project and plan), `onboardUser` only when the account has no
/// project, then `fetchAvailableModels`. Base URLs: `daily-cloudcode-pa` then `cloudcode-pa`
/// (the one that last answered first); with `baseUrl` configured only that origin is used.
/// Token refreshes go to `options.tokenUrl`, else `<baseUrl>/token` when `baseUrl` is set, else
/// `https://oauth2.googleapis.com/token`.
public struct AntigravityAdapter: ProviderAdapter {
    public let type = ProviderType.antigravity

    /// Production Cloud Code origins, in AIMeter's order.
    static let productionBases = ["https://daily-cloudcode-pa.googleapis.com", "https://cloudcode-pa.googleapis.com"]
    /// The Antigravity OAuth client (public), used when the credential has no `clientId`.
    static let defaultClientId = "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com"
    /// The options this adapter reads.
    static let optionKeys: Set<String> = ["displayMode", "poolConfig", "tokenUrl"]

    let defaultBases: [String]
    let defaultTokenURL: String
    let preferredBases = PreferredBaseMemory()

    /// Creates the adapter for Google's production endpoints.
    public init() {
        self.init(defaultBases: Self.productionBases, defaultTokenURL: GoogleOAuthSession.defaultTokenURL)
    }

    /// Creates an adapter with other default endpoints (tests use local servers).
    init(defaultBases: [String], defaultTokenURL: String) {
        self.defaultBases = defaultBases
        self.defaultTokenURL = defaultTokenURL
    }

    public func validate(_ config: ProviderConfig) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: ["oauth"])
            + ProviderConfigChecks.unknownOptions(config, known: Self.optionKeys)
            + AntigravityPools.problems(options: config.options)
            + ProviderConfigChecks.stringOption(config, "tokenUrl", urlLike: true)
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard let tokens = context.credentials?.oauthTokens, !tokens.accessToken.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw ProviderError.configuration("Antigravity needs an oauth credential with an accessToken") }
        var session = GoogleOAuthSession(
            tokens: tokens, service: "Antigravity", tokenURL: tokenURL(context), defaultClientId: Self.defaultClientId)
        try await session.refreshIfExpiring(context: context)
        let pinned = context.config.baseURL?.trimmingCharacters(in: .whitespaces).isEmpty == false
        let caller = CodeAssistCaller(
            service: "Antigravity", userAgent: "antigravity",
            bases: pinned ? [context.origin(default: "")] : defaultBases, memory: pinned ? nil : preferredBases)

        var loadInfo: CodeAssistLoadInfo?
        do {
            loadInfo = try await loadCodeAssist(caller, session: &session, context: context)
        } catch let error as ProviderError where error.isAuthRequired {
            throw error
        } catch {
            // AIMeter carries on without plan information; the project may come from the credential.
            loadInfo = nil
        }
        let project = try await resolveProject(caller, loadInfo: loadInfo, session: &session, context: context)
        let models = try await caller.post("fetchAvailableModels", body: ["project": .string(project.id)], session: &session, context: context)
        let items = try AntigravityModelsParser.items(from: JSONReader(models))
        let plan = (loadInfo ?? project.loadInfo)?.plan
        return UsageSnapshot(items: items, identity: plan.map { Identity(plan: $0) }, updatedAt: context.now())
    }

    /// Where token refreshes go (see the type's documentation).
    func tokenURL(_ context: ProviderContext) -> String {
        if let url = context.config.options["tokenUrl"]?.nonEmptyString { return url }
        if context.config.baseURL?.trimmingCharacters(in: .whitespaces).isEmpty == false {
            return context.origin(default: "") + "/token"
        }
        return defaultTokenURL
    }
}
