import AIMeterAPI
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body parsed as JSON (`null` when it is not JSON).
    var json: JSONValue { (try? JSONValue.parse(text)) ?? .null }

    /// `error.code` of an envelope.
    var errorCode: String? { json["error"]?["code"]?.stringValue }

    /// A header value by name.
    func header(_ name: String) -> String? {
        HTTPFields.Element.Name(name).flatMap { headers[$0] }
    }
}

extension TestClientProtocol {
    /// Sends a request with optional cookies, extra headers and a JSON body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, cookie: String? = nil, headers extra: [String: String] = [:],
        json: JSONValue? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        for (name, value) in extra {
            if let field = HTTPFields.Element.Name(name) { headers[field] = value }
        }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json.serialized())
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Logs in and returns the `name=value` cookie pair.
    func login(_ role: Role, password: String? = nil) async throws -> String {
        let password = password ?? (role == .admin ? TestEnvironment.adminPassword : TestEnvironment.normalPassword)
        let response = try await send(.post, "/api/auth/\(role.rawValue)/verify", json: ["password": .string(password)])
        #expect(response.json["data"]?["valid"]?.boolValue == true)
        let setCookie = try #require(response.headers[.setCookie])
        return String(setCookie.split(separator: ";")[0])
    }
}
