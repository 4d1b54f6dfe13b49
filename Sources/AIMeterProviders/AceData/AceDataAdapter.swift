import AIMeterCore
import AIMeterHTTP
import Foundation

/// AceData Cloud balance and spend from the proxy call records
/// (`GET /api/v1/usage/proxies/`) with an account ("platform") token.
///
/// Each poll pages through this month's records (`created_at_from`, `limit`, `offset`) until
/// `count` is reached, an empty page arrives or `maxPages` pages were read.
public struct AceDataAdapter: ProviderAdapter {
    public let type = ProviderType.acedata

    static let knownOptions: Set<String> = [
        "applicationId", "proxyId", "currency", "pageSize", "maxPages", "dailyBudget", "monthlyBudget",
    ]
    static let defaultOrigin = "https://platform.acedata.cloud"
    static let usagePath = "/api/v1/usage/proxies/"
    static let defaultPageSize = 100
    static let defaultMaxPages = 50

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems = ProviderConfigChecks.credentialKind(config, allowed: ["api_key"])
            + ProviderConfigChecks.unknownOptions(config, known: Self.knownOptions)
        for key in ["applicationId", "proxyId", "currency"] {
            problems += ProviderConfigChecks.stringOption(config, key)
        }
        for (key, range) in [("pageSize", 1...500), ("maxPages", 1...200)] {
            if let value = config.options[key], Self.integer(value).map(range.contains) != true {
                problems.append("options.\(key): must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
        }
        for key in ["dailyBudget", "monthlyBudget"] {
            if let value = config.options[key], !(value.doubleValue.map { $0 > 0 && $0.isFinite } ?? false) {
                problems.append("options.\(key): must be a number greater than 0")
            }
        }
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard case .apiKey(let rawToken)? = context.credentials else {
            throw ProviderError.configuration("AceData needs an api_key credential (an AceData account token)")
        }
        let token = rawToken.trimmingCharacters(in: .whitespacesAndNewlines)
        let options = context.config.options
        let pageSize = options["pageSize"].flatMap(Self.integer) ?? Self.defaultPageSize
        let maxPages = options["maxPages"].flatMap(Self.integer) ?? Self.defaultMaxPages
        let periods = AceDataSpend.Periods(now: context.now())
        let fetcher = AceDataPageFetcher(context: context, token: token)

        var monthRecords: [AceDataRecord] = []
        var total = 0
        var pages = 0
        var lastPageWasEmpty = false
        repeat {
            let page = try await fetcher.page(from: periods.monthStartISO, limit: pageSize, offset: monthRecords.count)
            total = page.count
            monthRecords += page.records
            lastPageWasEmpty = page.records.isEmpty
            pages += 1
        } while !lastPageWasEmpty && monthRecords.count < total && pages < maxPages
        let isComplete = lastPageWasEmpty || monthRecords.count >= total

        // The API does not promise an order, so the newest record is looked for at both ends.
        var candidates = monthRecords
        if !isComplete {
            candidates += try await fetcher.page(from: periods.monthStartISO, limit: 1, offset: total - 1).records
        } else if monthRecords.isEmpty {
            let first = try await fetcher.page(from: nil, limit: 1, offset: 0)
            candidates += first.records
            if first.count > 1 {
                candidates += try await fetcher.page(from: nil, limit: 1, offset: first.count - 1).records
            }
        }
        guard let newest = AceDataSpend.newest(candidates) else {
            throw ProviderError.upstreamError("AceData has no proxy call records yet; the balance is read from the newest record")
        }
        let settings = AceDataSpend.Settings(
            currency: options["currency"]?.nonEmptyString,
            dailyBudget: options["dailyBudget"]?.doubleValue,
            monthlyBudget: options["monthlyBudget"]?.doubleValue
        )
        return try AceDataSpend(settings: settings).snapshot(
            monthRecords: monthRecords, isComplete: isComplete, newest: newest, now: context.now())
    }

    /// A whole number option (`100`, not `100.5` or `"100"`).
    static func integer(_ value: JSONValue) -> Int? {
        guard case .number(let number) = value, number == number.rounded(.down), abs(number) < 1e9 else { return nil }
        return Int(number)
    }
}

/// Sends the page requests of one AceData poll.
struct AceDataPageFetcher {
    let context: ProviderContext
    let token: String

    /// One page; `from` is `created_at_from` (nil for all time).
    func page(from: String?, limit: Int, offset: Int) async throws -> AceDataUsagePage {
        let options = context.config.options
        var query: [(name: String, value: String)] = []
        if let application = options["applicationId"]?.nonEmptyString { query.append(("application_id", application)) }
        if let proxy = options["proxyId"]?.nonEmptyString { query.append(("proxy_id", proxy)) }
        if let from { query.append(("created_at_from", from)) }
        query += [("limit", String(limit)), ("offset", String(offset))]
        let url = context.url(AceDataAdapter.usagePath, defaultOrigin: AceDataAdapter.defaultOrigin) + "?" + FormEncoding.encode(query)
        let request = HTTPRequest(url: url, headers: [("accept", "application/json"), ("authorization", "Bearer \(token)")])
        let response = try await context.send(request)
        try UpstreamFailure.requireSuccess(response, service: "AceData", now: context.now(), redacting: [token])
        return try AceDataUsagePage.parse(response.body, redacting: [token])
    }
}
