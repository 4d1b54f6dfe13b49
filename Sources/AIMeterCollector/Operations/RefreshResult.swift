import AIMeterCore
import Foundation

/// One provider's answer to the `refresh` operation. The API engineer turns it into AIMeter's
/// usage or error records; the stored snapshot itself is read from the database.
public struct RefreshResult: Sendable, Equatable {
    /// Provider id as requested.
    public var id: String
    /// Provider type (nil for an unknown id).
    public var provider: ProviderType?
    /// What happened.
    public var status: Status

    /// The four outcomes of a manual refresh.
    public enum Status: Sendable, Equatable {
        /// Fetched live now; the snapshot was committed before the reply.
        case fresh
        /// The stored snapshot is younger than 3 minutes; no fetch.
        case cached(cachedAt: Date)
        /// The stored snapshot is returned because fetching failed now or recently.
        case stale(staleAt: Date, fetchError: String?, authRequired: Bool)
        /// No data to fall back on.
        case failed(code: String, message: String, authRequired: Bool)
    }

    /// Error code: a failure within the last 60 s and no stored data.
    public static let temporarilyUnavailable = "TEMPORARILY_UNAVAILABLE"
    /// Error code: the live fetch failed and there is no stored data.
    public static let fetchError = "FETCH_ERROR"
    /// Error code: no provider with that id.
    public static let notFound = "NOT_FOUND"
    /// Error code: the collector's database failed.
    public static let refreshError = "REFRESH_ERROR"

    /// The result as the socket sends it; flags appear only when set.
    public var json: JSONValue {
        var object = JSONObject()
        object["id"] = .string(id)
        if let provider { object["provider"] = .string(provider.rawValue) }
        switch status {
        case .fresh:
            object["status"] = "fresh"
        case .cached(let cachedAt):
            object["status"] = "cached"
            object["fromCache"] = true
            object["cachedAt"] = .number(Double(UpstreamTime.unixSeconds(cachedAt)))
        case .stale(let staleAt, let fetchError, let authRequired):
            object["status"] = "stale"
            object["stale"] = true
            object["staleAt"] = .number(Double(UpstreamTime.unixSeconds(staleAt)))
            if let fetchError { object["fetchError"] = .string(fetchError) }
            if authRequired { object["authRequired"] = true }
        case .failed(let code, let message, let authRequired):
            object["status"] = "failed"
            object["code"] = .string(code)
            object["message"] = .string(message)
            if authRequired { object["authRequired"] = true }
        }
        return .object(object)
    }
}
