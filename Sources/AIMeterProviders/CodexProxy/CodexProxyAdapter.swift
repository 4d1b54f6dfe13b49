import AIMeterCore
import AIMeterHTTP
import Foundation

/// The ChatGPT quota a local codex-proxy (`@pikoloo/codex-proxy`) keeps for its account(s).
///
/// 1.2.x serves `GET /account/quota`; 1.1.x serves `GET /accounts/quota` and
/// `GET /accounts/quota/all`. The adapter tries the routes in turn and remembers, per entry,
/// the one that answered. codex-proxy only answers its account routes to loopback clients, so
/// aimeter has to run on the same host (or reach it through a tunnel).
public struct CodexProxyAdapter: ProviderAdapter {
    public let type = ProviderType.codexProxy

    static let knownOptions: Set<String> = ["allAccounts", "email"]
    static let defaultOrigin = "http://127.0.0.1:8081"

    private let memory = CodexProxyRouteMemory()

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems: [String] = []
        if config.credentials != nil {
            problems += ProviderConfigChecks.credentialKind(config, allowed: ["api_key"])
        }
        problems += ProviderConfigChecks.unknownOptions(config, known: Self.knownOptions)
        if let flag = config.options["allAccounts"], flag.boolValue == nil {
            problems.append("options.allAccounts: must be true or false")
        }
        problems += ProviderConfigChecks.stringOption(config, "email")
        if config.options["email"] != nil, config.options["allAccounts"]?.boolValue == true {
            problems.append("options.email: cannot be combined with allAccounts: true")
        }
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let allAccounts = context.config.options["allAccounts"]?.boolValue ?? false
        let origin = context.origin(default: Self.defaultOrigin)
        let key = "\(context.config.id) \(origin) \(allAccounts)"
        let secret = context.credentials?.secretValue?.trimmingCharacters(in: .whitespacesAndNewlines)
        for route in memory.ordered(CodexProxyRoute.candidates(allAccounts: allAccounts), for: key) {
            let response = try await context.send(request(route, origin: origin, config: context.config, secret: secret))
            if Self.isMissingRoute(response) { continue }
            memory.remember(route, for: key)
            return try Self.snapshot(response, route: route, now: context.now(), secret: secret)
        }
        throw ProviderError.upstreamError(
            "codex-proxy answered 404 on /account/quota (1.2.x) and /accounts/quota (1.1.x); is baseUrl a codex-proxy?")
    }

    func request(_ route: CodexProxyRoute, origin: String, config: ProviderConfig, secret: String?) -> HTTPRequest {
        var url = origin + route.rawValue
        if route == .accountsQuota, let email = config.options["email"]?.nonEmptyString {
            url += "?email=" + FormEncoding.escape(email)
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let secret, !secret.isEmpty { headers.append(("Authorization", "Bearer \(secret)")) }
        return HTTPRequest(url: url, headers: headers)
    }

    /// A 404 that is not codex-proxy's own JSON answer (`{"success": false, "error": "No account configured"}`)
    /// means this version does not have the route.
    static func isMissingRoute(_ response: HTTPResponse) -> Bool {
        guard response.status == 404 else { return false }
        let json = try? JSONReader.parse(response.body)
        return json?["error"].nonEmptyString == nil && json?["success"].bool != false
    }

    static func snapshot(_ response: HTTPResponse, route: CodexProxyRoute, now: Date, secret: String?) throws -> UsageSnapshot {
        switch response.status {
        case 403:
            throw ProviderError.authRequired(
                "codex-proxy refused the request (HTTP 403): its account routes answer only loopback clients, "
                    + "or a proxy in front of it rejected the credential")
        case 404:
            let reason = (try? JSONReader.parse(response.body))?["error"].nonEmptyString ?? "account not found"
            throw ProviderError.upstreamError("codex-proxy \(route.version): \(reason.prefix(200))")
        default:
            try UpstreamFailure.requireSuccess(response, service: "codex-proxy", now: now, redacting: [secret ?? ""])
        }
        return route.listsAllAccounts
            ? try CodexProxyQuotaParser.allAccounts(response.body, now: now)
            : try CodexProxyQuotaParser.singleAccount(response.body, now: now)
    }
}
