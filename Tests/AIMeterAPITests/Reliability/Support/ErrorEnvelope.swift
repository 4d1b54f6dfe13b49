import AIMeterCore

/// The documented error answer: `Content-Type: application/json; charset=utf-8` and
/// `{"success":false,"error":{"code":"<non-empty>","message":"<text>",…}}`.
enum ErrorEnvelope {
    /// What is wrong with `response` as an error answer, or nil when it has the shape.
    static func problem(_ response: RawHTTP.Response) -> String? {
        guard response.header("content-type") == "application/json; charset=utf-8" else {
            return "content type \(response.header("content-type") ?? "none")"
        }
        let json = response.json
        guard json["success"]?.boolValue == false, let error = json["error"], error.objectValue != nil else {
            return "no error envelope: \(response.text.prefix(300))"
        }
        guard let code = error["code"]?.stringValue, !code.isEmpty, error["message"]?.stringValue != nil else {
            return "error without code or message: \(response.text.prefix(300))"
        }
        return nil
    }
}

extension RawHTTP.Response {
    /// The body parsed as JSON (`null` when it is not JSON).
    var json: JSONValue { (try? JSONValue.parse(text)) ?? .null }
}
