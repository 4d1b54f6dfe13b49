import AIMeterCore
import AIMeterHTTP
import Foundation

/// Gemini CLI (Google Code Assist) daily per-model quotas, with the CLI's Google OAuth login.
///
/// Requests: `loadCodeAssist` (plan, and the project when none is configured), then
/// `retrieveUserQuota` with `{"project": <id>}`, both on `https://cloudcode-pa.googleapis.com`
/// (or `baseUrl`). Token refreshes go to `options.tokenUrl`, else `<baseUrl>/token` when
/// `baseUrl` is set, else `https://oauth2.googleapis.com/token`, with the client id and secret
/// from the credential.
public struct GeminiAdapter: ProviderAdapter {
    public let type = ProviderType.gemini

    /// Production Code Assist origin.
    static let productionBase = "https://cloudcode-pa.googleapis.com"
    /// What the adapter says it is.
    static let userAgent = "aimeter (gemini-cli quota)"
    /// The options this adapter reads.
    static let optionKeys: Set<String> = ["projectId", "tokenUrl"]

    let defaultBase: String
    let defaultTokenURL: String

    /// Creates the adapter for Google's production endpoints.
    public init() {
        self.init(defaultBase: Self.productionBase, defaultTokenURL: GoogleOAuthSession.defaultTokenURL)
    }

    /// Creates an adapter with other default endpoints (tests use local servers).
    init(defaultBase: String, defaultTokenURL: String) {
        self.defaultBase = defaultBase
        self.defaultTokenURL = defaultTokenURL
    }

    public func validate(_ config: ProviderConfig) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: ["oauth"])
            + ProviderConfigChecks.unknownOptions(config, known: Self.optionKeys)
            + ProviderConfigChecks.stringOption(config, "projectId")
            + ProviderConfigChecks.stringOption(config, "tokenUrl", urlLike: true)
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard let tokens = context.credentials?.oauthTokens, !tokens.accessToken.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw ProviderError.configuration("Gemini CLI needs an oauth credential with an accessToken") }
        var session = GoogleOAuthSession(tokens: tokens, service: "Gemini CLI", tokenURL: tokenURL(context))
        try await session.refreshIfExpiring(context: context)
        let caller = CodeAssistCaller(service: "Gemini CLI", userAgent: Self.userAgent, bases: [context.origin(default: defaultBase)])
        let configuredProject = configuredProject(tokens: tokens, config: context.config)

        var loadInfo: CodeAssistLoadInfo?
        do {
            let json = try await caller.post(
                "loadCodeAssist", body: loadBody(project: configuredProject), session: &session, context: context)
            loadInfo = CodeAssistLoadInfo(json: json)
        } catch let error as ProviderError where configuredProject != nil && !error.isAuthRequired {
            // The plan is optional; with a configured project the quota call can still succeed.
            loadInfo = nil
        }
        guard let project = configuredProject ?? loadInfo?.projectId else {
            throw ProviderError.configuration(
                "Gemini Code Assist reported no project for this account; set credentials.projectId or options.projectId")
        }
        let quota = try await caller.post(
            "retrieveUserQuota", body: ["project": .string(project)], session: &session, context: context)
        let items = try GeminiQuotaParser.items(from: JSONReader(quota))
        return UsageSnapshot(items: items, identity: loadInfo?.plan.map { Identity(plan: $0) }, updatedAt: context.now())
    }

    /// The project from the credential, else from `options.projectId`.
    func configuredProject(tokens: OAuthTokens, config: ProviderConfig) -> String? {
        if let project = tokens.projectId?.trimmingCharacters(in: .whitespacesAndNewlines), !project.isEmpty { return project }
        return config.options["projectId"]?.nonEmptyString
    }

    /// `loadCodeAssist` body as the Gemini CLI sends it.
    func loadBody(project: String?) -> JSONValue {
        var metadata: JSONValue = ["ideType": "IDE_UNSPECIFIED", "platform": "PLATFORM_UNSPECIFIED", "pluginType": "GEMINI"]
        guard let project else { return ["metadata": metadata] }
        if case .object(var object) = metadata {
            object["duetProject"] = .string(project)
            metadata = .object(object)
        }
        return ["cloudaicompanionProject": .string(project), "metadata": metadata]
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
