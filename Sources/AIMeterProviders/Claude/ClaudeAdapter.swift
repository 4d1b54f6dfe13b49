import AIMeterCore
import AIMeterHTTP
import Foundation

/// Claude Pro/Max/Team quotas, from the Anthropic OAuth usage API (an `oauth` credential from
/// Claude Code) or from claude.ai with a browser `sessionKey` (a `cookie` credential).
public struct ClaudeAdapter: ProviderAdapter {
    public let type = ProviderType.claude

    /// `options.*` keys this adapter understands.
    static let knownOptions: Set<String> = ["userAgent", "tokenUrl"]

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems = ProviderConfigChecks.credentialKind(config, allowed: ["oauth", "cookie"])
        if problems.isEmpty, case .cookie(let raw)? = config.credentials, ClaudeCookie.header(from: raw) == nil {
            problems.append("credentials.value: \(ClaudeCookie.formatProblem)")
        }
        problems += ProviderConfigChecks.unknownOptions(config, known: Self.knownOptions)
        problems += ProviderConfigChecks.stringOption(config, "userAgent")
        problems += ProviderConfigChecks.stringOption(config, "tokenUrl", urlLike: true)
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        switch context.credentials {
        case .oauth(let tokens)?:
            guard !tokens.accessToken.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ProviderError.configuration("Claude OAuth access token is missing")
            }
            return try await ClaudeOAuthFetcher(context: context).fetch(tokens)
        case .cookie(let raw)?:
            guard let cookie = ClaudeCookie.header(from: raw) else {
                throw ProviderError.configuration(ClaudeCookie.formatProblem)
            }
            return try await ClaudeWebFetcher(context: context, cookie: cookie).fetch()
        case let other?:
            throw ProviderError.configuration("Claude does not support \(other.kind) credentials; use oauth or cookie")
        case nil:
            throw ProviderError.configuration("Claude needs an oauth or cookie credential")
        }
    }
}

/// Hosts, headers and client constants shared by the Claude fetchers.
enum ClaudeEndpoints {
    /// Anthropic API host (OAuth usage and profile).
    static let apiOrigin = "https://api.anthropic.com"
    /// OAuth token host.
    static let tokenOrigin = "https://platform.claude.com"
    /// claude.ai (cookie mode).
    static let webOrigin = "https://claude.ai"
    /// Claude Code's public OAuth client id, used when the credential names none.
    static let defaultClientId = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"
    /// A Claude Code-like User-Agent: the usage endpoint treats generic clients worse.
    static let defaultUserAgent = "claude-code/2.1.69"
    /// Browser User-Agent for claude.ai.
    static let browserUserAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"

    /// `options.userAgent` or the Claude Code-like default.
    static func userAgent(_ config: ProviderConfig) -> String {
        config.options["userAgent"]?.nonEmptyString ?? defaultUserAgent
    }

    /// `options.tokenUrl`, else `<baseUrl origin or platform.claude.com>/v1/oauth/token`.
    static func tokenURL(_ context: ProviderContext) -> String {
        context.config.options["tokenUrl"]?.nonEmptyString ?? context.url("/v1/oauth/token", defaultOrigin: tokenOrigin)
    }
}
