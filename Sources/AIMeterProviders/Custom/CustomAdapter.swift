import AIMeterCore
import AIMeterHTTP
import Foundation

/// Any JSON endpoint, read through a configured mapping: relays such as a CCAPI console,
/// new-api or claude-relay services. One request per poll; items, cost and plan come from
/// paths into the answer (see ``ResponsePath``).
public struct CustomAdapter: ProviderAdapter {
    public let type = ProviderType.custom

    /// Credential kinds a custom entry may carry (all optional).
    static let credentialKinds = ["api_key", "jwt", "cookie"]

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems: [String] = []
        if config.credentials != nil {
            problems += ProviderConfigChecks.credentialKind(config, allowed: Self.credentialKinds)
        }
        if case .failure(let failure) = CustomMapping.read(config) {
            problems += failure.problems
        }
        return problems
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let mapping: CustomMapping
        switch CustomMapping.read(context.config) {
        case .success(let value): mapping = value
        case .failure(let failure): throw ProviderError.configuration(failure.problems.joined(separator: "; "))
        }
        let request = try Self.request(mapping.request, context: context)
        let secrets = Self.secrets(request: mapping.request, credentials: context.credentials)
        let response: HTTPResponse
        do {
            response = try await context.send(request)
        } catch ProviderError.configuration {
            // The client's message would repeat the URL, which may carry a token in its query.
            throw ProviderError.configuration("options.url (or baseUrl + options.path) is not a usable URL")
        }
        try UpstreamFailure.requireSuccess(response, service: "Custom upstream", now: context.now(), redacting: secrets)
        return try CustomResponseParser.snapshot(
            response.body, mapping: mapping, manualPlan: context.config.plan, secrets: secrets, now: context.now())
    }

    /// The HTTP request for `spec`: configured headers, then the credential header, then
    /// `Accept` and (for a map or list body) `Content-Type` unless configured.
    static func request(_ spec: CustomRequestSpec, context: ProviderContext) throws -> HTTPRequest {
        var headers = spec.headers.map { (name: $0.name, value: $0.value) }
        if let credentials = context.credentials {
            guard let header = spec.credentialHeader(for: credentials), let secret = credentials.secretValue else {
                throw ProviderError.configuration("custom providers take an api_key, jwt or cookie credential")
            }
            let value = secret.trimmingCharacters(in: .whitespacesAndNewlines)
            let usesBearer = spec.authHeader == nil && header == "Authorization"
            headers.append((header, usesBearer ? "Bearer \(value)" : value))
        }
        func has(_ name: String) -> Bool {
            headers.contains { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        }
        if !has("Accept") { headers.append(("Accept", "application/json")) }
        if spec.bodyIsJSON && !has("Content-Type") { headers.append(("Content-Type", "application/json")) }
        return HTTPRequest(
            method: spec.method,
            url: context.url(spec.pathAndQuery, defaultOrigin: spec.defaultOrigin),
            headers: headers,
            body: spec.body
        )
    }

    /// Values to blank out of upstream text: the credential and every configured header value
    /// long enough to be a secret (header values often carry `${ENV}` tokens).
    static func secrets(request: CustomRequestSpec, credentials: Credentials?) -> [String] {
        // Also each word of a value, so an echoed token is caught without its `Bearer ` prefix.
        var secrets = request.headers.flatMap { header in
            [header.value] + header.value.split(separator: " ").map(String.init)
        }.filter { $0.count >= 8 }
        if let secret = credentials?.secretValue?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty {
            secrets.append(secret)
        }
        return secrets
    }
}
