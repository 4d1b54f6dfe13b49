import AIMeterCore
import Hummingbird
import Logging

/// Resolves the client address and writes one access-log line per request:
/// `method path status duration client`. Headers, cookies and bodies are never logged, and
/// query values whose names look secret are masked. It replaces AIMeter's audit table, which a
/// read-only server cannot write.
public struct AccessLogMiddleware: RouterMiddleware {
    /// Applies the trusted-proxy rule.
    public var addresses: ClientAddressResolver
    /// Where the lines go.
    public var logger: Logger

    // A literal header name of token characters; the initializer fails only for invalid ones.
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!

    /// Creates the middleware.
    public init(addresses: ClientAddressResolver, logger: Logger) {
        self.addresses = addresses
        self.logger = logger
    }

    /// Sets the client address, runs the request and logs its line.
    public func handle(
        _ request: Request,
        context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let forwarded = request.headers[values: Self.forwardedFor]
        context.clientAddress = addresses.resolve(peer: context.peerAddress, forwardedFor: forwarded)
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let milliseconds = (ContinuousClock.now - started).inMilliseconds
        logger.info(
            "\(request.method) \(Self.loggablePath(request.uri.path, query: request.uri.query)) \(response.status.code) \(JSNumber.toFixed(milliseconds, digits: 1))ms \(context.clientAddress)"
        )
        return response
    }

    /// Words that mark a query parameter's name as secret (matched case-insensitively anywhere
    /// in the name).
    static let secretWords = ["secret", "token", "password", "key", "auth", "session", "cookie"].map { Array($0.utf8) }

    /// The path with its query, secret-looking values replaced by `***`.
    static func loggablePath(_ path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        // Most queries name nothing secret (`format=json`): logged as they are, without a split.
        guard mentionsSecretWord(query.utf8) else { return path + "?" + query }
        let masked = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> Substring in
            let name = pair.prefix { $0 != "=" }
            return mentionsSecretWord(name.utf8) ? name + "=***" : pair
        }
        return path + "?" + masked.joined(separator: "&")
    }

    /// Whether `text` contains one of ``secretWords``, ignoring ASCII case.
    static func mentionsSecretWord(_ text: some Collection<UInt8>) -> Bool {
        let bytes = Array(text)
        return secretWords.contains { word in
            guard bytes.count >= word.count else { return false }
            return (0...(bytes.count - word.count)).contains { start in
                word.indices.allSatisfy { bytes[start + $0] | 0x20 == word[$0] }
            }
        }
    }
}
