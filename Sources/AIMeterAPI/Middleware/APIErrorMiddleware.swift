import Hummingbird
import Logging
import NIOCore

/// Turns every thrown error into a JSON response in AIMeter's envelope.
///
/// - ``APIError``: as described by the error.
/// - The router's "no route": `405 METHOD_NOT_ALLOWED` with `Allow` when the path exists with
///   other methods, else `404 NOT_FOUND` (JSON, never HTML).
/// - Anything else: `500 INTERNAL_ERROR` with a generic message; the cause is logged.
public struct APIErrorMiddleware: RouterMiddleware {
    /// The registered routes, for the 405 decision.
    public var routes: RouteTable

    /// Creates the middleware.
    public init(routes: RouteTable) {
        self.routes = routes
    }

    /// Runs the request and converts any thrown error into a JSON response.
    public func handle(
        _ request: Request,
        context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch is NIOTooManyBytesError {
            return RequestBodyMiddleware.tooLarge.response()
        } catch let error as HTTPError where error.status == .notFound {
            return routeMiss(request).response()
        } catch {
            context.logger.error("Unhandled error on \(request.method) \(request.uri.path): \(String(describing: error))")
            return APIError.internalError.response()
        }
    }

    func routeMiss(_ request: Request) -> APIError {
        let allowed = routes.allowedMethods(for: request.uri.path)
        guard !allowed.isEmpty else {
            return .notFound("Route not found: \(request.method) \(request.uri.path)")
        }
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
            message: "Method \(request.method) is not allowed here; use \(headers[.allow] ?? "")",
            headers: headers)
    }
}
