import Foundation

/// Why a provider poll failed. Adapters throw only this; messages never contain a secret.
public enum ProviderError: Error, Sendable, Equatable {
    /// The credential was refused or is missing/expired: a human has to act.
    case authRequired(String)
    /// The upstream asked us to slow down; `retryAfter` in seconds when it said how long.
    case rateLimited(retryAfter: Double?, message: String)
    /// Non-2xx answer that is neither auth nor rate limiting; `bodyPrefix` is at most 200 characters.
    case upstreamStatus(status: Int, bodyPrefix: String)
    /// The upstream answered 2xx but reported an error inside the body (z.ai, MiniMax, Aliyun).
    case upstreamError(String)
    /// The body could not be read; `path` names the field (`data.limits[0].usage`).
    case decoding(path: String, message: String)
    /// Connection, DNS, TLS or protocol failure.
    case transport(String)
    /// The request did not finish in time.
    case timeout(seconds: Double)
    /// The answer was larger than the response-size cap.
    case responseTooLarge(limitBytes: Int)
    /// The provider entry cannot work as configured (missing credential, bad option).
    case configuration(String)

    /// Stable machine-readable code stored in fetch state and returned by the API.
    public var code: String {
        switch self {
        case .authRequired: "AUTH_REQUIRED"
        case .rateLimited: "RATE_LIMITED"
        case .upstreamStatus: "UPSTREAM_STATUS"
        case .upstreamError: "UPSTREAM_ERROR"
        case .decoding: "DECODING_ERROR"
        case .transport: "TRANSPORT_ERROR"
        case .timeout: "TIMEOUT"
        case .responseTooLarge: "RESPONSE_TOO_LARGE"
        case .configuration: "CONFIGURATION_ERROR"
        }
    }

    /// Human-readable message (safe to log and to show: no secrets).
    public var message: String {
        switch self {
        case .authRequired(let message): message
        case .rateLimited(let retryAfter, let message):
            if let retryAfter { "\(message) (retry after \(Int(retryAfter.rounded(.up)))s)" } else { message }
        case .upstreamStatus(let status, let bodyPrefix):
            bodyPrefix.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(bodyPrefix)"
        case .upstreamError(let message): message
        case .decoding(let path, let message): path.isEmpty ? "Decoding error: \(message)" : "Decoding error at \(path): \(message)"
        case .transport(let message): "Transport error: \(message)"
        case .timeout(let seconds): "Request timed out after \(JSNumber.format(seconds))s"
        case .responseTooLarge(let limit): "Response larger than \(limit) bytes"
        case .configuration(let message): "Configuration error: \(message)"
        }
    }

    /// Whether the failure means the credential needs a human.
    public var isAuthRequired: Bool {
        if case .authRequired = self { return true }
        return false
    }

    /// Seconds the upstream asked us to wait, if any.
    public var retryAfter: Double? {
        if case .rateLimited(let retryAfter, _) = self { return retryAfter }
        return nil
    }
}

extension ProviderError: LocalizedError {
    public var errorDescription: String? { message }
}
