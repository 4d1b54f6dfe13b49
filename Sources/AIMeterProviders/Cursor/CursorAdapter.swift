import AIMeterCore
import AIMeterHTTP
import Foundation

/// Cursor plan usage and on-demand spend from cursor.com with the `WorkosCursorSessionToken` cookie.
public struct CursorAdapter: ProviderAdapter {
    public let type = ProviderType.cursor

    static let defaultOrigin = "https://cursor.com"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: ["cookie"])
            + ProviderConfigChecks.unknownOptions(config, known: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard case .cookie(let raw)? = context.credentials, let cookie = Self.cookieHeader(raw) else {
            throw ProviderError.configuration("Cursor needs a cookie credential (WorkosCursorSessionToken)")
        }
        async let summary = get("/api/usage-summary", cookie: cookie, context: context)
        async let me = get("/api/auth/me", cookie: cookie, context: context)
        let summaryResponse = try await summary
        if [401, 403].contains(summaryResponse.status) {
            throw ProviderError.authRequired("Invalid or expired Cursor session (HTTP \(summaryResponse.status))")
        }
        try UpstreamFailure.requireSuccess(summaryResponse, service: "Cursor", now: context.now(), redacting: [cookie])
        // auth/me is read whatever its status; only a transport failure sinks the fetch (as in AIMeter).
        let subject = CursorParser.subject(try await me.body)
        var legacy: Data?
        if let subject {
            let path = "/api/usage?user=\(FormEncoding.escape(subject))"
            if let response = try? await get(path, cookie: cookie, context: context), response.isSuccess {
                legacy = response.body
            }
        }
        return try CursorParser.snapshot(summary: summaryResponse.body, legacyUsage: legacy, now: context.now())
    }

    private func get(_ path: String, cookie: String, context: ProviderContext) async throws -> HTTPResponse {
        try await context.send(HTTPRequest(
            url: context.url(path, defaultOrigin: Self.defaultOrigin),
            headers: [("Cookie", cookie), ("Accept", "application/json")]
        ))
    }

    /// AIMeter's normalization: a full cookie string is kept; a bare token becomes
    /// `WorkosCursorSessionToken=<token>;`. Nil for an empty value.
    static func cookieHeader(_ raw: String) -> String? {
        let text = CookieString.stripped(raw)
        guard !text.isEmpty else { return nil }
        if text.range(of: #"WorkosCursorSessionToken\s*="#, options: .regularExpression) != nil { return text }
        var token = text
        while token.hasSuffix(";") { token.removeLast() }
        guard !token.isEmpty else { return nil }
        return token.contains("=") ? text : "WorkosCursorSessionToken=\(token);"
    }
}
