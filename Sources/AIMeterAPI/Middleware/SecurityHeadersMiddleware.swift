import Hummingbird

/// AIMeter's security headers on every response, plus HSTS when the server is public over https.
/// No `X-Powered-By` and no CORS headers, as in AIMeter (minus Express's banner).
public struct SecurityHeadersMiddleware: RouterMiddleware {
    /// Whether `server.protocol` is `https`.
    public var isHTTPS: Bool

    /// Creates the middleware.
    public init(isHTTPS: Bool) {
        self.isHTTPS = isHTTPS
    }

    static let fixedHeaders: [(String, String)] = [
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
    ]

    static let hsts = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload")

    /// Runs the request and adds the headers to its response.
    public func handle(
        _ request: Request,
        context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        let headers = isHTTPS ? Self.fixedHeaders + [Self.hsts] : Self.fixedHeaders
        for (name, value) in headers {
            if let field = HTTPFields.Element.Name(name) { response.headers[field] = value }
        }
        return response
    }
}
