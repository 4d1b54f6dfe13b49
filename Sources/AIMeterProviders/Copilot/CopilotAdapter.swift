import AIMeterCore
import AIMeterHTTP
import Foundation

/// GitHub Copilot premium-request and chat quotas from `GET /copilot_internal/user`, with a
/// GitHub token (device-flow `oauth` token or a personal access token as `api_key`).
public struct CopilotAdapter: ProviderAdapter {
    public let type = ProviderType.copilot

    static let defaultOrigin = "https://api.github.com"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: ["oauth", "api_key"])
            + ProviderConfigChecks.unknownOptions(config, known: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let token: String
        switch context.credentials {
        case .oauth(let tokens)?: token = tokens.accessToken
        case .apiKey(let key)?: token = key
        default: throw ProviderError.configuration("Copilot needs an oauth (device flow) or api_key (personal access token) credential")
        }
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ProviderError.configuration("Copilot token is missing") }
        let request = HTTPRequest(url: context.url("/copilot_internal/user", defaultOrigin: Self.defaultOrigin), headers: [
            ("Authorization", "token \(trimmed)"),
            ("Accept", "application/json"),
            ("Editor-Version", "vscode/1.96.2"),
            ("Editor-Plugin-Version", "copilot-chat/0.26.7"),
            ("User-Agent", "GitHubCopilotChat/0.26.7"),
            ("X-Github-Api-Version", "2025-04-01"),
        ])
        let response = try await context.send(request)
        try UpstreamFailure.requireSuccess(response, service: "GitHub Copilot", now: context.now(), redacting: [trimmed])
        return try CopilotParser.snapshot(response.body, now: context.now())
    }
}
