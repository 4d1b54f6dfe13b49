import Foundation
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
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info(
            "\(request.method) \(Self.loggablePath(request.uri.path, query: request.uri.query)) \(response.status.code) \(Self.tenths(milliseconds))ms \(context.clientAddress)"
        )
        return response
    }

    /// `value` with one decimal (`1.8`), without Foundation's formatter (it runs per request).
    static func tenths(_ value: Double) -> String {
        let scaled = Int((Swift.max(0, value) * 10).rounded())
        return "\(scaled / 10).\(scaled % 10)"
    }

    /// The path with its query, secret-looking values replaced by `***`.
    static func loggablePath(_ path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        let masked = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let lowered = name.lowercased()
            let isSecret = ["secret", "token", "password", "key", "auth", "session", "cookie"].contains { lowered.contains($0) }
            return isSecret ? "\(name)=***" : String(pair)
        }
        return path + "?" + masked.joined(separator: "&")
    }
}
