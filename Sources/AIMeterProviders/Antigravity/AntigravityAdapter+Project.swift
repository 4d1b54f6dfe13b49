import AIMeterCore
import Foundation

extension AntigravityAdapter {
    /// The project to query and, when it had to be loaded again, the account information.
    struct ResolvedProject {
        var id: String
        var loadInfo: CodeAssistLoadInfo?
    }

    /// AIMeter's `ensureProjectId`: the credential's project, else the one `loadCodeAssist`
    /// reports, else the one `onboardUser` creates, else a last `loadCodeAssist`.
    func resolveProject(
        _ caller: CodeAssistCaller,
        loadInfo: CodeAssistLoadInfo?,
        session: inout GoogleOAuthSession,
        context: ProviderContext
    ) async throws -> ResolvedProject {
        if let configured = session.tokens.projectId?.trimmingCharacters(in: .whitespacesAndNewlines), !configured.isEmpty {
            return ResolvedProject(id: configured, loadInfo: nil)
        }
        var info = loadInfo
        if info == nil { info = try await loadCodeAssist(caller, session: &session, context: context) }
        if let project = info?.projectId { return ResolvedProject(id: project, loadInfo: info) }
        if let tierId = info?.onboardingTierId {
            let body: JSONValue = [
                "tierId": .string(tierId),
                "metadata": ["ideType": "ANTIGRAVITY", "platform": "PLATFORM_UNSPECIFIED", "pluginType": "GEMINI"],
            ]
            let onboarded = try await caller.post("onboardUser", body: body, session: &session, context: context)
            if let project = CodeAssistLoadInfo.onboardedProject(in: onboarded) {
                return ResolvedProject(id: project, loadInfo: info)
            }
        }
        if let project = try await loadCodeAssist(caller, session: &session, context: context).projectId {
            return ResolvedProject(id: project, loadInfo: info)
        }
        throw ProviderError.upstreamError("Antigravity project ID is unavailable; set credentials.projectId or sign in again")
    }

    /// `loadCodeAssist` with Antigravity's metadata.
    func loadCodeAssist(_ caller: CodeAssistCaller, session: inout GoogleOAuthSession, context: ProviderContext)
        async throws -> CodeAssistLoadInfo
    {
        let json = try await caller.post("loadCodeAssist", body: ["metadata": ["ideType": "ANTIGRAVITY"]], session: &session, context: context)
        return CodeAssistLoadInfo(json: json)
    }
}
