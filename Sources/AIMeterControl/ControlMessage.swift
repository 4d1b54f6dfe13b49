import AIMeterCore
import Foundation

/// Operations the collector answers on its control socket.
public enum ControlOperation: String, Sendable, CaseIterable {
    /// Liveness check; result `{"pong":true,"version":...}`.
    case ping
    /// Collector and per-provider state.
    case status
    /// Manual refresh with AIMeter's protection (3-minute reuse, 60-second failure cooldown).
    case refresh
    /// Due-gated batch refresh with AIMeter's cron semantics.
    case jobs
    /// Generates a new endpoint, cron or session secret.
    case rotateSecret
    /// Stores a password hash for the normal or admin role.
    case setPasswordHash
}

/// One request line: `{"id":"...","op":"...","params":{...}}`.
public struct ControlRequest: Sendable, Equatable {
    /// Correlation id echoed in the response.
    public var id: String
    /// Operation name (kept as a string so unknown operations can be answered with an error).
    public var op: String
    /// Operation parameters (an object, possibly empty).
    public var params: JSONObject

    /// Creates a request.
    public init(id: String, op: String, params: JSONObject = JSONObject()) {
        self.id = id
        self.op = op
        self.params = params
    }

    /// The request as one JSON line without the trailing newline.
    public var line: String {
        var object = JSONObject()
        object["id"] = .string(id)
        object["op"] = .string(op)
        object["params"] = .object(params)
        return JSONValue.object(object).serialized()
    }

    /// Parses a request line. Throws ``ControlProtocolError`` for anything malformed.
    public static func parse(_ line: String) throws -> ControlRequest {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw ControlProtocolError(code: "INVALID_JSON", message: "Request is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw ControlProtocolError(code: "INVALID_REQUEST", message: "Request must be a JSON object")
        }
        guard let id = object["id"]?.stringValue ?? object["id"]?.doubleValue.map({ JSNumber.format($0) }) else {
            throw ControlProtocolError(code: "INVALID_REQUEST", message: "Request needs a string \"id\"")
        }
        guard let op = object["op"]?.stringValue else {
            throw ControlProtocolError(code: "INVALID_REQUEST", message: "Request needs a string \"op\"", id: id)
        }
        var params = JSONObject()
        if let rawParams = object["params"], !rawParams.isNull {
            guard let parsed = rawParams.objectValue else {
                throw ControlProtocolError(code: "INVALID_REQUEST", message: "\"params\" must be an object", id: id)
            }
            params = parsed
        }
        return ControlRequest(id: id, op: op, params: params)
    }
}

/// One response line: `{"id":"...","ok":true,"result":...}` or `{"id":"...","ok":false,"error":{"code":...,"message":...}}`.
public struct ControlResponse: Sendable, Equatable {
    /// The request's id (empty when the request could not be parsed far enough to read it).
    public var id: String
    /// The result, on success.
    public var result: JSONValue?
    /// The error, on failure.
    public var error: ControlProtocolError?

    /// A success response.
    public static func success(id: String, result: JSONValue) -> ControlResponse {
        ControlResponse(id: id, result: result, error: nil)
    }

    /// A failure response.
    public static func failure(id: String, code: String, message: String) -> ControlResponse {
        ControlResponse(id: id, result: nil, error: ControlProtocolError(code: code, message: message, id: id))
    }

    /// The response as one JSON line without the trailing newline.
    public var line: String {
        var object = JSONObject()
        object["id"] = .string(id)
        if let error {
            object["ok"] = .bool(false)
            object["error"] = ["code": .string(error.code), "message": .string(error.message)]
        } else {
            object["ok"] = .bool(true)
            object["result"] = result ?? .null
        }
        return JSONValue.object(object).serialized()
    }

    /// Parses a response line.
    public static func parse(_ line: String) throws -> ControlResponse {
        guard let value = try? JSONValue.parse(line), case .object(let object) = value else {
            throw ControlClientError.protocolViolation("Response is not a JSON object")
        }
        let id = object["id"]?.stringValue ?? ""
        if object["ok"]?.boolValue == true {
            return .success(id: id, result: object["result"] ?? .null)
        }
        let code = object["error"]?["code"]?.stringValue ?? "UNKNOWN"
        let message = object["error"]?["message"]?.stringValue ?? "Unknown error"
        return .failure(id: id, code: code, message: message)
    }
}

/// An error reported by the collector for one request.
public struct ControlProtocolError: Error, Sendable, Equatable {
    /// Machine-readable code (`INVALID_JSON`, `UNKNOWN_OPERATION`, `INVALID_PARAMS`, `NOT_FOUND`, ...).
    public var code: String
    /// Human-readable message.
    public var message: String
    /// The request id, when known.
    public var id: String?

    /// Creates an error.
    public init(code: String, message: String, id: String? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }
}
