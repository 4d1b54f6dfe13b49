import AIMeterCore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A minimal HTTP client for the end-to-end test: no cookie jar, no caching.
struct HTTPProbe: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
        var errorCode: String? { json["error"]?["code"]?.stringValue }
        /// `name=value` of the `Set-Cookie` header.
        var cookie: String? { headers["set-cookie"].map { String($0.split(separator: ";")[0]) } }
    }

    let base: String
    let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }()

    func send(
        _ method: String, _ path: String, cookie: String? = nil, headers: [String: String] = [:], json: JSONValue? = nil
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.serialized().utf8)
        }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }
}
