import AIMeterCore
import Foundation

/// One upstream HTTP request.
public struct HTTPRequest: Sendable {
    /// HTTP method, e.g. `GET`, `POST`.
    public var method: String
    /// Absolute URL.
    public var url: String
    /// Header fields in order; names as the provider expects them.
    public var headers: [(name: String, value: String)]
    /// Request body.
    public var body: Data?
    /// Per-request timeout in seconds; the client's default when nil.
    public var timeoutSeconds: Double?
    /// Whether 3xx answers are followed (off by default).
    public var followRedirects: Bool

    /// Creates a request.
    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: Data? = nil,
        timeoutSeconds: Double? = nil,
        followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
        self.followRedirects = followRedirects
    }
}

/// One upstream HTTP response.
public struct HTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Header fields in order, as received (of the final response).
    public var headers: [(name: String, value: String)]
    /// Body bytes (already decompressed).
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value
    }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Why an HTTP exchange did not produce a response.
public enum HTTPClientError: Error, Sendable, Equatable {
    /// The exchange took longer than its timeout.
    case timeout(seconds: Double)
    /// Connection, DNS, TLS or protocol failure, with libcurl's message.
    case transport(String)
    /// The body exceeded the client's size cap.
    case responseTooLarge(limitBytes: Int)
    /// The URL could not be used.
    case invalidURL(String)
    /// The request was cancelled (shutdown, reload).
    case cancelled

    /// The matching provider error.
    public var providerError: ProviderError {
        switch self {
        case .timeout(let seconds): .timeout(seconds: seconds)
        case .transport(let message): .transport(message)
        case .responseTooLarge(let limit): .responseTooLarge(limitBytes: limit)
        case .invalidURL(let url): .configuration("Invalid URL \(url)")
        case .cancelled: .transport("Request cancelled")
        }
    }
}

/// Sends upstream requests. The production implementation is libcurl based; every provider
/// request goes through one of these.
public protocol HTTPClient: Sendable {
    /// Performs the request. Throws only ``HTTPClientError``.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
