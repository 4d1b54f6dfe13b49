import AIMeterCore
import Foundation
import Hummingbird

/// Builders for the responses the API sends: AIMeter's success envelope and plain bodies.
public enum APIResponse {
    /// `application/json; charset=utf-8`, as Express sends JSON.
    public static let jsonContentType = "application/json; charset=utf-8"

    /// `{"success":true,"data":<data>}`, compact.
    public static func success(_ data: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(successEnvelope(data), status: status)
    }

    /// The `{"success": true, "data": …}` envelope around `data`.
    public static func successEnvelope(_ data: JSONValue) -> JSONValue {
        ["success": true, "data": data]
    }

    /// Any JSON document, serialized like `JSON.stringify` (compact unless `pretty`).
    public static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, pretty: Bool = false) -> Response {
        text(value.serialized(pretty: pretty), contentType: jsonContentType, status: status)
    }

    /// A text body with the given content type.
    public static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(ByteBuffer(string: text), contentType: contentType, status: status)
    }

    /// A body of ready bytes (a cached rendering: sent without a copy) with the given content type.
    public static func bytes(_ body: ByteBuffer, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
