import AIMeterCore
import AIMeterHTTP
import Foundation

/// The shared mapping from a non-2xx upstream answer to a ``ProviderError``.
public enum UpstreamFailure {
    /// The error for `response`:
    /// - a status in `authStatuses` (401 and 403 by default) → `.authRequired`,
    /// - 429 → `.rateLimited` with the `Retry-After` header (seconds or HTTP-date) read against `now`,
    /// - anything else → `.upstreamStatus` with a cleaned body prefix.
    ///
    /// - Parameters:
    ///   - service: Names the upstream in messages, e.g. `Claude OAuth`.
    ///   - redacting: Secrets to blank out of the body prefix should the upstream echo them.
    public static func error(
        for response: HTTPResponse,
        service: String,
        now: Date,
        authStatuses: Set<Int> = [401, 403],
        redacting secrets: [String] = []
    ) -> ProviderError {
        if authStatuses.contains(response.status) {
            return .authRequired("\(service) rejected the credential (HTTP \(response.status))")
        }
        if response.status == 429 {
            return .rateLimited(
                retryAfter: RetryAfter.seconds(from: response.header("Retry-After"), now: now),
                message: "\(service) rate limited the request (HTTP 429)"
            )
        }
        return .upstreamStatus(status: response.status, bodyPrefix: BodyPrefix.of(response.body, redacting: secrets))
    }

    /// Returns `response` when it is 2xx, else throws ``error(for:service:now:authStatuses:redacting:)``.
    @discardableResult
    public static func requireSuccess(
        _ response: HTTPResponse,
        service: String,
        now: Date,
        authStatuses: Set<Int> = [401, 403],
        redacting secrets: [String] = []
    ) throws -> HTTPResponse {
        guard response.isSuccess else {
            throw error(for: response, service: service, now: now, authStatuses: authStatuses, redacting: secrets)
        }
        return response
    }
}

/// The first characters of an upstream body, fit for an error message.
public enum BodyPrefix {
    /// At most `limit` characters of `body` as text, whitespace runs collapsed to one space and
    /// every non-empty string in `secrets` replaced by `[redacted]`.
    public static func of(_ body: Data, limit: Int = 200, redacting secrets: [String] = []) -> String {
        // Decode only a bounded head: bodies can be megabytes.
        var text = String(decoding: body.prefix(limit * 4 + 1024), as: UTF8.self)
        for secret in secrets where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        return String(collapsed.prefix(limit))
    }
}
