import AIMeterCore
import AIMeterHTTP
import Foundation

/// DeepSeek platform balance (`GET /user/balance`, API key). Not an AIMeter provider.
///
/// The snapshot carries only a cost (the balance); there are no progress items.
public struct DeepSeekAdapter: ProviderAdapter {
    public let type = ProviderType.deepseek

    /// The API origin; `baseUrl` replaces it.
    static let defaultOrigin = "https://api.deepseek.com"
    static let service = "DeepSeek"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems = KeysAndBalancesValidation.problems(config, credentials: ["api_key"], regions: [], options: ["currency"])
        if let currency = config.options["currency"], Self.currency(from: currency) == nil {
            problems.append("options.currency: must be a 3-letter currency code such as CNY or USD")
        }
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let key = try KeysAndBalancesUpstream.secret(context, allowed: ["api_key"], service: Self.service).value
        let request = HTTPRequest(
            url: context.origin(default: Self.defaultOrigin) + "/user/balance",
            headers: [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]
        )
        let response = try await KeysAndBalancesUpstream.fetch(request, service: Self.service, secret: key, context: context)
        let body = try KeysAndBalancesUpstream.json(response)
        let preferred = context.config.options["currency"].flatMap(Self.currency)
        let cost = try DeepSeekBalanceParser.cost(from: body, preferredCurrency: preferred)
        return UsageSnapshot(items: [], cost: cost, updatedAt: context.now())
    }

    /// An upper-cased ISO-style currency code, when `value` is one.
    static func currency(from value: JSONValue) -> String? {
        guard let text = value.nonEmptyString, text.count == 3, text.allSatisfy(\.isLetter) else { return nil }
        return text.uppercased()
    }
}
