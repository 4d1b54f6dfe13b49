import AIMeterCore
import AIMeterHTTP
import Foundation

/// POSTs to Google's Cloud Code Assist internal API (`<base>/v1internal:<method>`) with a bearer
/// token, trying each base URL in turn. Used by the Antigravity and Gemini CLI adapters.
///
/// Per attempt: 401/403 refreshes the token once per fetch and restarts from the first base,
/// or fails with `authRequired` when no refresh is possible. Any other failure (status, network,
/// invalid JSON) moves on to the next base; when every base failed the last error is thrown.
/// With a `memory`, each call tries the base that last answered first and remembers the one
/// that answers.
struct CodeAssistCaller: Sendable {
    /// Service name for messages.
    let service: String
    /// `User-Agent` header value.
    let userAgent: String
    /// Base URLs in their default order.
    let bases: [String]
    /// Where the preferred base is remembered, keyed by provider id; nil to always use `bases` as given.
    var memory: PreferredBaseMemory?

    /// The JSON answer of `<base>/v1internal:<method>`.
    func post(_ method: String, body: JSONValue, session: inout GoogleOAuthSession, context: ProviderContext) async throws
        -> JSONValue
    {
        let providerId = context.config.id
        let ordered = memory?.ordered(bases, for: providerId) ?? bases
        attempts: while true {
            var lastError: ProviderError?
            for base in ordered {
                let request = HTTPRequest(
                    method: "POST",
                    url: "\(base)/v1internal:\(method)",
                    headers: [
                        ("Authorization", "Bearer \(session.tokens.accessToken)"),
                        ("Content-Type", "application/json"),
                        ("User-Agent", userAgent),
                    ],
                    body: Data(body.serialized().utf8)
                )
                let response: HTTPResponse
                do {
                    response = try await context.send(request)
                } catch let error as ProviderError {
                    lastError = error
                    continue
                }
                if response.status == 401 || response.status == 403 {
                    if try await session.refreshAfterRejection(context: context) { continue attempts }
                    throw ProviderError.authRequired(
                        "\(service) auth failed with HTTP \(response.status)\(Self.googleStatus(response)); \(session.missingRefreshHint)"
                    )
                }
                guard response.isSuccess else {
                    lastError = Self.statusError(response, service: service, now: context.now())
                    continue
                }
                do {
                    let json = try JSONReader.parse(response.body).value ?? .null
                    memory?.remember(base, for: providerId)
                    return json
                } catch let error as ProviderError {
                    lastError = error
                }
            }
            throw lastError ?? ProviderError.configuration("no \(service) base URL to try")
        }
    }

    /// A non-auth failure; a 429 also honours Google's `RetryInfo.retryDelay` (`"12.5s"`).
    static func statusError(_ response: HTTPResponse, service: String, now: Date) -> ProviderError {
        let error = UpstreamFailure.error(for: response, service: service, now: now)
        guard case .rateLimited(nil, let message) = error else { return error }
        return .rateLimited(retryAfter: retryDelay(in: response), message: message)
    }

    /// ` (PERMISSION_DENIED)` from a Google error body, or an empty string.
    static func googleStatus(_ response: HTTPResponse) -> String {
        guard let status = (try? JSONValue.parse(response.body))?["error"]?["status"]?.nonEmptyString else { return "" }
        return " (\(GoogleOAuthSession.sanitizedCode(status)))"
    }

    /// Seconds from the first `error.details[].retryDelay` of a Google error body.
    static func retryDelay(in response: HTTPResponse) -> Double? {
        let details = (try? JSONValue.parse(response.body))?["error"]?["details"]?.arrayValue ?? []
        for detail in details {
            if let text = detail["retryDelay"]?.nonEmptyString, text.hasSuffix("s"), let seconds = Double(text.dropLast()) {
                return max(0, seconds)
            }
        }
        return nil
    }
}
