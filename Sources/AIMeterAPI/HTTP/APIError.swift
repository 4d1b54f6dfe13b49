import AIMeterCore
import Hummingbird

/// A failed request, answered with AIMeter's envelope `{"success":false,"error":{"code","message"}}`.
///
/// Handlers throw it; ``APIErrorMiddleware`` turns it into the response so every other
/// middleware (headers, access log) sees an ordinary response.
public struct APIError: Error, Sendable {
    /// HTTP status.
    public var status: HTTPResponse.Status
    /// Machine-readable code, e.g. `UNAUTHORIZED`.
    public var code: String
    /// Human-readable message; never contains a secret.
    public var message: String
    /// Extra members of the `error` object after `code` and `message` (`details`, `authRequired`).
    public var extra: JSONObject
    /// Extra response headers (`Allow`, `Cache-Control`).
    public var headers: HTTPFields
    /// Whether the body is pretty-printed (the export route's errors are).
    public var pretty: Bool

    /// Creates an error.
    public init(
        _ status: HTTPResponse.Status,
        code: String,
        message: String,
        extra: JSONObject = JSONObject(),
        headers: HTTPFields = [:],
        pretty: Bool = false
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        self.headers = headers
        self.pretty = pretty
    }

    /// The envelope as JSON.
    public var body: JSONValue {
        var error = JSONObject()
        error["code"] = .string(code)
        error["message"] = .string(message)
        for (key, value) in extra.members { error[key] = value }
        return ["success": false, "error": .object(error)]
    }

    /// The HTTP response carrying this error.
    public func response() -> Response {
        var response = APIResponse.json(body, status: status, pretty: pretty)
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension APIError {
    /// `401 UNAUTHORIZED` "Authentication required" (no valid session).
    public static let unauthorized = APIError(.unauthorized, code: "UNAUTHORIZED", message: "Authentication required")
    /// `403 FORBIDDEN` "Administrator access required".
    public static let forbidden = APIError(.forbidden, code: "FORBIDDEN", message: "Administrator access required")
    /// `500 INTERNAL_ERROR` without details (the cause goes to the log, not to the client).
    public static let internalError = APIError(
        .internalServerError, code: "INTERNAL_ERROR", message: "Internal Server Error")

    /// `404 NOT_FOUND` with `message`.
    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "NOT_FOUND", message: message)
    }

    /// `400 INVALID_REQUEST` with `message`.
    public static func invalidRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "INVALID_REQUEST", message: message)
    }
}
