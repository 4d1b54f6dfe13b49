import AIMeterCore
import AIMeterHTTP
import Foundation

/// Ollama Cloud usage scraped from `https://ollama.com/settings` with the browser session cookie.
public struct OllamaAdapter: ProviderAdapter {
    public let type = ProviderType.ollama

    /// Production origin.
    static let productionOrigin = "https://ollama.com"
    /// The browser AIMeter impersonates.
    static let userAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: ["cookie"]) + ProviderConfigChecks.unknownOptions(config, known: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard case .cookie(let raw)? = context.credentials else {
            throw ProviderError.configuration("Ollama needs a cookie credential (the ollama.com session cookies)")
        }
        let cookie = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cookie.isEmpty else { throw ProviderError.configuration("Ollama cookie is empty") }
        let origin = context.origin(default: Self.productionOrigin)
        let request = HTTPRequest(
            url: "\(origin)/settings",
            headers: [
                ("Cookie", cookie),
                ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
                ("Accept-Language", "en-US,en;q=0.9"),
                ("User-Agent", Self.userAgent),
                ("Origin", origin),
                ("Referer", "\(origin)/settings"),
            ]
        )
        let response = try await context.send(request)
        if AgentUpstream.redirectsToSignIn(response) {
            throw ProviderError.authRequired("Invalid or expired Ollama session")
        }
        guard response.isSuccess else {
            let error = UpstreamFailure.error(for: response, service: "Ollama", now: context.now())
            throw error.isAuthRequired ? ProviderError.authRequired("Invalid or expired Ollama session") : error
        }
        return try Self.snapshot(html: response.text, now: context.now())
    }

    /// The snapshot a settings page gives (pure).
    static func snapshot(html: String, now: Date) throws -> UsageSnapshot {
        if OllamaSettingsParser.isSignedOut(html) {
            throw ProviderError.authRequired("Invalid or expired Ollama session")
        }
        let items = try OllamaSettingsParser.items(in: html)
        return UsageSnapshot(items: items, identity: Identity(plan: OllamaPlanParser.plan(in: html)), updatedAt: now)
    }
}
