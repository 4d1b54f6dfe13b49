import Hummingbird

/// The headers every answer carries:
///
/// - AIMeter's security headers, plus HSTS when the server is public over https. No
///   `X-Powered-By` and no CORS headers, as in AIMeter (minus Express's banner).
/// - `Cache-Control: no-store` when the handler chose no policy of its own: answers depend on
///   the caller's session, and login responses carry cookies.
///
/// The fields are built once; handlers never set these names themselves, so they are appended.
public struct StandardHeadersMiddleware: RouterMiddleware {
    /// The security fields in the order they are sent.
    public let securityFields: [HTTPFields.Element]

    static let noStore = HTTPFields.Element(name: .cacheControl, value: "no-store")

    /// Creates the middleware; `isHTTPS` is whether `server.protocol` is `https`.
    public init(isHTTPS: Bool) {
        let named: [(String, String)] = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            (
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'"
            ),
        ] + (isHTTPS ? [("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload")] : [])
        // Literal names made of token characters: the initializer fails only for invalid ones.
        securityFields = named.map { HTTPFields.Element(name: HTTPFields.Element.Name($0.0)!, value: $0.1) }
    }

    /// Runs the request and adds the headers to its response.
    public func handle(
        _ request: Request,
        context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.cacheControl] == nil { response.headers.append(Self.noStore) }
        response.headers.append(contentsOf: securityFields)
        return response
    }
}
