import AIMeterCore
import AIMeterTestSupport

/// The upstream failures every key-and-balance and relay adapter must map the same way.
enum UpstreamFailure: String, CaseIterable, Sendable {
    case unauthorized, forbidden, rateLimited, serverError, malformedJSON, oversized

    /// The canned answer; the 500 body echoes `secret` to prove it is redacted, and the oversized
    /// body passes the client's `maxResponseBytes`.
    func response(echoing secret: String, maxResponseBytes: Int) -> MockResponse {
        switch self {
        case .unauthorized: .unauthorized()
        case .forbidden: .forbidden()
        case .rateLimited: .rateLimited(retryAfter: "42")
        case .serverError: .serverError("boom, key \(secret) broke")
        case .malformedJSON: .malformedJSON()
        case .oversized: .oversized(bytes: maxResponseBytes + 10_000)
        }
    }

    /// Whether `error` is the mapping this failure must produce (and, given a `secret`, leaks none of it).
    func isExpected(_ error: ProviderError?, secret: String? = nil) -> Bool {
        guard let error else { return false }
        if let secret, error.message.contains(secret) { return false }
        switch (self, error) {
        case (.unauthorized, .authRequired), (.forbidden, .authRequired): return true
        case (.rateLimited, .rateLimited(let retryAfter, _)): return retryAfter == 42
        case (.serverError, .upstreamStatus(let status, let prefix)): return status == 500 && prefix.contains("[redacted]")
        case (.malformedJSON, .decoding): return true
        case (.oversized, .responseTooLarge): return true
        default: return false
        }
    }
}
