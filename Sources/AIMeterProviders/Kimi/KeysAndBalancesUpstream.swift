import AIMeterCore
import AIMeterHTTP
import Foundation

/// The request steps every key-and-balance adapter (Kimi, MiniMax, z.ai, OpenRouter, Aliyun,
/// DeepSeek, Moonshot) repeats, on top of the shared `Support` helpers.
enum KeysAndBalancesUpstream {
    /// Sends `request` and returns the answer when it is 2xx; otherwise throws the shared
    /// mapping (401/403 → auth required, 429 → rate limited with `Retry-After`, else status),
    /// with `secret` blanked out of any body excerpt.
    static func fetch(_ request: HTTPRequest, service: String, secret: String, context: ProviderContext) async throws -> HTTPResponse {
        let response = try await context.send(request)
        return try UpstreamFailure.requireSuccess(response, service: service, now: context.now(), redacting: [secret])
    }

    /// The body as JSON; a malformed or empty body is a decoding error at the document root.
    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONReader.parse(response.body).value ?? .null
    }

    /// The trimmed secret of a key, cookie or JWT credential of an `allowed` kind.
    static func secret(_ context: ProviderContext, allowed: Set<String>, service: String) throws -> (kind: String, value: String) {
        guard let credentials = context.credentials else {
            throw ProviderError.configuration("\(service) needs credentials (\(allowed.sorted().joined(separator: " or ")))")
        }
        guard allowed.contains(credentials.kind),
            let value = credentials.secretValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else {
            throw ProviderError.configuration("\(service) does not accept \(credentials.kind) credentials, or the value is empty")
        }
        return (credentials.kind, value)
    }
}
