import Foundation

/// A canned answer of ``MockUpstream``: status, headers, body and optional pacing.
public struct MockResponse: Sendable {
    /// How the body is sent.
    public enum Body: Sendable {
        /// These bytes, with a `Content-Length`.
        case bytes(Data)
        /// `count` bytes of `"x"`, generated while sending (for size-cap tests without big fixtures).
        case repeated(count: Int)
    }

    /// Status code.
    public var status: Int
    /// Header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Body
    /// Wait this long before sending anything (the status line included).
    public var delay: Duration?
    /// When set, the body is sent in chunks of `chunkBytes` with `interval` between them
    /// (chunked transfer encoding): a slow drip that keeps the connection busy.
    public var drip: (chunkBytes: Int, interval: Duration)?

    /// Creates a response.
    public init(
        status: Int = 200,
        headers: [(name: String, value: String)] = [],
        body: Body = .bytes(Data()),
        delay: Duration? = nil,
        drip: (chunkBytes: Int, interval: Duration)? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.drip = drip
    }

    /// A JSON body (`Content-Type: application/json`).
    public static func json(_ body: Data, status: Int = 200, headers: [(name: String, value: String)] = []) -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(body))
    }

    /// A JSON body given as text.
    public static func json(_ body: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> MockResponse {
        json(Data(body.utf8), status: status, headers: headers)
    }

    /// A plain-text (or HTML, via `contentType`) body.
    public static func text(_ body: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Data(body.utf8)))
    }

    /// An empty body with `status`.
    public static func status(_ status: Int, headers: [(name: String, value: String)] = []) -> MockResponse {
        MockResponse(status: status, headers: headers)
    }

    /// `401` with a small JSON error body.
    public static func unauthorized(_ body: String = #"{"error":{"type":"authentication_error","message":"invalid token"}}"#) -> MockResponse {
        json(body, status: 401)
    }

    /// `403` with a small JSON error body.
    public static func forbidden(_ body: String = #"{"error":{"type":"permission_error","message":"forbidden"}}"#) -> MockResponse {
        json(body, status: 403)
    }

    /// `429` with `Retry-After: <retryAfter>` (seconds, or an HTTP-date string).
    public static func rateLimited(retryAfter: String = "30") -> MockResponse {
        json(#"{"error":{"type":"rate_limit_error","message":"slow down"}}"#, status: 429, headers: [("Retry-After", retryAfter)])
    }

    /// `500` with a short text body.
    public static func serverError(_ body: String = "internal error") -> MockResponse {
        text(body, status: 500)
    }

    /// `200` that claims JSON but is cut off mid-object.
    public static func malformedJSON() -> MockResponse {
        json(#"{"five_hour": {"utilization": 12, "resets_at": "#)
    }

    /// `200` with `bytes` bytes of body (default 11 MiB, above the 10 MiB client cap).
    public static func oversized(bytes: Int = 11 * 1024 * 1024) -> MockResponse {
        MockResponse(status: 200, headers: [("Content-Type", "application/json")], body: .repeated(count: bytes))
    }

    /// `200` whose `body` arrives in `chunkBytes` pieces, `interval` apart.
    public static func slowBody(_ body: String, chunkBytes: Int = 4, interval: Duration = .milliseconds(200)) -> MockResponse {
        MockResponse(status: 200, headers: [("Content-Type", "application/json")], body: .bytes(Data(body.utf8)),
                     drip: (chunkBytes, interval))
    }

    /// `302` to `location`.
    public static func redirect(to location: String, status: Int = 302) -> MockResponse {
        MockResponse(status: status, headers: [("Location", location)])
    }

    /// This response sent after waiting `delay`.
    public func delayed(by delay: Duration) -> MockResponse {
        var copy = self
        copy.delay = delay
        return copy
    }

    /// This response with one more header.
    public func adding(header name: String, _ value: String) -> MockResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
