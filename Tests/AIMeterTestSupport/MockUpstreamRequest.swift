import Foundation

/// One request as ``MockUpstream`` received it, kept so tests can assert the request shape.
public struct RecordedRequest: Sendable {
    /// Upper-case method, e.g. `GET`.
    public var method: String
    /// The path without the query, e.g. `/api/oauth/usage`.
    public var path: String
    /// The raw query string (without `?`), when there was one.
    public var query: String?
    /// Header fields in the order received; names as the client wrote them.
    public var headers: [(name: String, value: String)]
    /// The request body (empty when there was none).
    public var body: Data

    /// Creates a record (``MockUpstream`` does this; tests rarely need to).
    public init(method: String, path: String, query: String?, headers: [(name: String, value: String)], body: Data) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first header named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value
    }

    /// Every value of headers named `name`, compared case-insensitively.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// Query parameters, percent-decoded; the last value wins for repeated names.
    public var queryItems: [String: String] {
        Self.decodePairs(query ?? "")
    }

    /// The body decoded as UTF-8.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body read as `application/x-www-form-urlencoded` fields (`+` is a space).
    public var formFields: [String: String] {
        Self.decodePairs(bodyText)
    }

    /// Splits `a=1&b=2` into a dictionary, decoding `+` and percent escapes.
    static func decodePairs(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (raw: Substring) -> String in
                let spaced = raw.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
