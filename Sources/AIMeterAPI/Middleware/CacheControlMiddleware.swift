import Hummingbird

/// `Cache-Control: no-store` on every answer that did not choose its own policy: answers depend
/// on the caller's session, and login responses carry cookies.
public struct CacheControlMiddleware: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    /// Adds `no-store` when the handler set no `Cache-Control`.
    public func handle(
        _ request: Request,
        context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.cacheControl] == nil { response.setNoStore() }
        return response
    }
}
