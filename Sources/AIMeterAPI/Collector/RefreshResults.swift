import AIMeterControl
import AIMeterCore

/// The collector's answer to `refresh`, one result per provider id.
public enum RefreshResults {
    /// What the collector did for one provider.
    public struct Result: Sendable, Equatable {
        /// The four outcomes.
        public enum Status: String, Sendable {
            case fresh, cached, stale, failed
        }

        /// Provider id.
        public var id: String
        /// Outcome.
        public var status: Status
        /// When the reused snapshot was stored (cached), unix seconds.
        public var cachedAt: Int64?
        /// When the stale fallback was decided (stale), unix seconds.
        public var staleAt: Int64?
        /// Why the live fetch failed (stale).
        public var fetchError: String?
        /// Whether the credential needs a human.
        public var authRequired: Bool
        /// Error code (failed): `TEMPORARILY_UNAVAILABLE`, `FETCH_ERROR`, `NOT_FOUND`, ...
        public var code: String?
        /// Error message (failed).
        public var message: String?

        /// Parses one element of `results`; nil when it lacks an id or a known status.
        public init?(_ json: JSONValue) {
            guard let id = json["id"]?.stringValue, let status = json["status"]?.stringValue.flatMap(Status.init) else {
                return nil
            }
            self.id = id
            self.status = status
            cachedAt = json["cachedAt"]?.doubleValue.map { Int64($0) }
            staleAt = json["staleAt"]?.doubleValue.map { Int64($0) }
            fetchError = json["fetchError"]?.stringValue
            authRequired = json["authRequired"]?.boolValue ?? false
            code = json["code"]?.stringValue
            message = json["message"]?.stringValue
        }

        /// Appends AIMeter's refresh flags in order: `fromCache` (+ `cachedAt` on the single
        /// route), `stale`/`staleAt`, `fetchError`, `authRequired`.
        public func appendFlags(to record: inout JSONObject, includeCachedAt: Bool) {
            if status == .cached {
                record["fromCache"] = true
                if includeCachedAt, let cachedAt { record["cachedAt"] = .number(Double(cachedAt)) }
            }
            if status == .stale {
                record["stale"] = true
                if let staleAt { record["staleAt"] = .number(Double(staleAt)) }
            }
            if let fetchError { record["fetchError"] = .string(fetchError) }
            if authRequired { record["authRequired"] = true }
        }
    }

    /// Asks the collector to refresh `providerIds` (all when nil) and returns the results by id.
    public static func fetch(providerIds: [String]?, collector: CollectorGateway) async throws -> [String: Result] {
        var params = JSONObject()
        if let providerIds { params["providerIds"] = .array(providerIds.map { .string($0) }) }
        let answer = try await collector.send(.refresh, params: params)
        guard let list = answer["results"]?.arrayValue else {
            throw APIError(.badGateway, code: "COLLECTOR_PROTOCOL_ERROR", message: "The collector answered without results")
        }
        var results: [String: Result] = [:]
        for element in list {
            if let result = Result(element), results[result.id] == nil { results[result.id] = result }
        }
        return results
    }
}
