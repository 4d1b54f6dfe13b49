import AIMeterCore
import Hummingbird
import NIOCore
import Foundation

/// Reads request bodies the way AIMeter's JSON parser does, with a hard cap.
///
/// Every body is capped at 1 MiB (`413 PAYLOAD_TOO_LARGE`); a body that cannot be read (broken
/// chunked framing) is `400 INVALID_REQUEST`, not a server error. Only a body whose `Content-Type`
/// contains `application/json` is parsed: an empty one becomes `{}`, anything that is not a JSON
/// object or array is `400 INVALID_JSON`. Other content types leave ``APIRequestContext/jsonBody``
/// nil, which handlers treat as "no body" (AIMeter crashes into a 500 there).
public struct RequestBodyMiddleware: RouterMiddleware {
    /// The body cap: 1 MiB, as Express's `json({limit: '1mb'})`.
    public static let maxBodyBytes = 1 << 20

    static let tooLarge = APIError(.contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "Request body is too large")
    static let malformed = APIError(.badRequest, code: "INVALID_JSON", message: "Malformed JSON request body")
    static let unreadable = APIError.invalidRequest("Malformed request body")

    /// Creates the middleware.
    public init() {}

    /// Collects and parses the body, then calls the next responder.
    public func handle(
        _ request: Request,
        context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get, request.method != .head else {
            return try await next(request, context)
        }
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > Self.maxBodyBytes {
            throw Self.tooLarge
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: Self.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge
        } catch {
            // The HTTP parser failed inside the body (e.g. an invalid chunk size): the client's fault.
            throw Self.unreadable
        }
        var context = context
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.contains("application/json") {
            context.jsonBody = try Self.parse(buffer)
        }
        return try await next(request, context)
    }

    static func parse(_ buffer: ByteBuffer) throws -> JSONValue {
        guard buffer.readableBytes > 0 else { return .object(JSONObject()) }
        guard let value = try? JSONValue.parse(Data(buffer.readableBytesView)) else { throw malformed }
        // Express's parser is strict: only objects and arrays are accepted at the top level.
        switch value {
        case .object, .array: return value
        default: throw malformed
        }
    }
}
