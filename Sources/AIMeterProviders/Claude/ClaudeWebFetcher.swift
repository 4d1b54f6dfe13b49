import AIMeterCore
import AIMeterHTTP
import Foundation

/// Cookie mode: organizations, then account ∥ usage ∥ overage on claude.ai.
struct ClaudeWebFetcher {
    let context: ProviderContext
    /// The normalized `Cookie` header.
    let cookie: String

    func fetch() async throws -> UsageSnapshot {
        let orgs = try await get("/api/organizations", required: true)
        let (uuid, org) = try ClaudeWebParser.organization(orgs ?? Data())
        async let account = get("/api/account", required: false)
        async let usage = get("/api/organizations/\(uuid)/usage", required: true)
        async let overage = get("/api/organizations/\(uuid)/overage_spend_limit", required: false)
        let items = try ClaudeWebParser.items(try await usage ?? Data())
        let accountBody = try await account
        let plan = ClaudeWebParser.plan(account: accountBody, selectedOrg: org)
        return UsageSnapshot(
            items: items,
            cost: ClaudeWebParser.cost(try await overage),
            // AIMeter reports the plan only when the account call worked.
            identity: accountBody == nil ? nil : Identity(plan: plan),
            updatedAt: context.now()
        )
    }

    /// GETs `path` on claude.ai. A required call throws on failure; an optional one gives nil.
    private func get(_ path: String, required: Bool) async throws -> Data? {
        let request = HTTPRequest(url: context.url(path, defaultOrigin: ClaudeEndpoints.webOrigin), headers: [
            ("Cookie", cookie),
            ("Accept", "application/json, text/plain, */*"),
            ("Accept-Language", "en-US,en;q=0.9"),
            ("Origin", "https://claude.ai"),
            ("Referer", "https://claude.ai/"),
            ("User-Agent", context.config.options["userAgent"]?.nonEmptyString ?? ClaudeEndpoints.browserUserAgent),
        ])
        do {
            let response = try await context.send(request)
            try UpstreamFailure.requireSuccess(response, service: "claude.ai", now: context.now(), redacting: [cookie])
            return response.body
        } catch {
            if required { throw error }
            return nil
        }
    }
}
