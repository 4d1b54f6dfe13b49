import AIMeterCore
import AIMeterHTTP
import Foundation

/// OpenCode "Go" plan usage (5-hour, weekly and monthly windows) with the opencode.ai `auth`
/// cookie.
///
/// Requests: the workspace list server function (skipped when `options.workspaceId` is set),
/// then the workspace's go page; when that fails, the subscription server function (GET, then
/// POST) and finally the older usage server function.
public struct OpenCodeAdapter: ProviderAdapter {
    public let type = ProviderType.opencode

    /// Production origin.
    static let productionOrigin = "https://opencode.ai"
    /// The options this adapter reads.
    static let optionKeys: Set<String> = ["workspaceId"]

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems = ProviderConfigChecks.credentialKind(config, allowed: ["cookie"])
        problems += ProviderConfigChecks.unknownOptions(config, known: Self.optionKeys)
        if let value = config.options["workspaceId"], value.stringValue.flatMap(OpenCodeCredentials.configuredWorkspaceId) == nil {
            problems.append("options.workspaceId: must be a workspace id (wrk_…) or a URL containing one")
        }
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard case .cookie(let raw)? = context.credentials, let cookie = OpenCodeCredentials.cookieHeader(raw) else {
            throw ProviderError.configuration("OpenCode needs a cookie credential (the opencode.ai auth cookie)")
        }
        let client = OpenCodeClient(origin: context.origin(default: Self.productionOrigin), cookie: cookie, context: context)
        let configured = context.config.options["workspaceId"]?.stringValue.flatMap(OpenCodeCredentials.configuredWorkspaceId)
        let workspace: String
        if let configured {
            workspace = configured
        } else {
            workspace = try await discoverWorkspace(client)
        }
        let now = context.now()
        let text: String
        do {
            text = try await usageFromGoPage(client, workspace: workspace, now: now)
        } catch {
            text = try await usageFromSubscription(client, workspace: workspace, now: now, goPageError: error)
        }
        let usage = try OpenCodeUsageParser.usage(in: text, now: now)
        return UsageSnapshot(items: usage.items(now: now), identity: Identity(plan: "Go"), updatedAt: now)
    }

    /// The first workspace the account can see (server function GET, then POST).
    func discoverWorkspace(_ client: OpenCodeClient) async throws -> String {
        let first = try await client.serverText(OpenCodeClient.workspaceServerId, method: "GET", referer: client.origin)
        if let workspace = OpenCodeCredentials.workspaceId(inServerText: first) { return workspace }
        let second = try await client.serverText(OpenCodeClient.workspaceServerId, method: "POST", referer: client.origin)
        if let workspace = OpenCodeCredentials.workspaceId(inServerText: second) { return workspace }
        throw ProviderError.upstreamError("No OpenCode workspace found; set options.workspaceId")
    }

    /// The go page, when it carries usage.
    func usageFromGoPage(_ client: OpenCodeClient, workspace: String, now: Date) async throws -> String {
        let page = try await client.goPage(workspace: workspace)
        guard OpenCodeUsageParser.hasUsagePayload(page, now: now) else {
            throw ProviderError.decoding(path: "rollingUsage", message: "OpenCode go page does not contain a usage payload")
        }
        return page
    }

    /// AIMeter's fallback chain after a failed go page.
    func usageFromSubscription(_ client: OpenCodeClient, workspace: String, now: Date, goPageError: any Error) async throws
        -> String
    {
        let referer = "\(client.origin)/workspace/\(workspace)/billing"
        let args: [JSONValue] = [.string(workspace)]
        do {
            let text = try await client.serverText(OpenCodeClient.subscriptionServerId, method: "GET", args: args, referer: referer)
            if OpenCodeUsageParser.hasUsagePayload(text, now: now) { return text }
            return try await client.serverText(OpenCodeClient.subscriptionServerId, method: "POST", args: args, referer: referer)
        } catch {
            if let text = try? await client.serverText(
                OpenCodeClient.fallbackUsageServerId, method: "POST", body: Self.monthlyUsageBody(workspace: workspace, now: now),
                accept: "*/*", instance: "server-fn:0", referer: referer),
                OpenCodeUsageParser.hasUsagePayload(text, now: now)
            {
                return text
            }
            // A signed-out go page explains a later failure better than the fallback's own error.
            if let previous = goPageError as? ProviderError, previous.isAuthRequired,
                (error as? ProviderError)?.isAuthRequired != true
            {
                throw previous
            }
            throw error
        }
    }

    /// The seroval-encoded arguments (workspace, local year, 0-based local month) of the older
    /// usage server function.
    static func monthlyUsageBody(workspace: String, now: Date) -> JSONValue {
        let parts = Calendar.current.dateComponents([.year, .month], from: now)
        let arguments: JSONValue = [
            ["t": 1, "s": .string(workspace)], ["t": 0, "s": .number(Double(parts.year ?? 1970))],
            ["t": 0, "s": .number(Double((parts.month ?? 1) - 1))],
        ]
        return ["t": ["t": 9, "i": 0, "l": 3, "a": arguments, "o": 0], "f": 31, "m": []]
    }
}
