import Hummingbird

/// One route of the API: method, path pattern (Hummingbird syntax, `:name` parameters) and handler.
public struct APIRoute: Sendable {
    /// Handler signature shared by every route.
    public typealias Handler = @Sendable (Request, APIRequestContext) async throws -> Response

    /// HTTP method.
    public var method: HTTPRequest.Method
    /// Path pattern, e.g. `/api/providers/:id/history`.
    public var path: String
    /// The handler.
    public var handler: Handler

    /// Creates a route.
    public init(_ method: HTTPRequest.Method, _ path: String, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.handler = handler
    }
}

/// The method and path of every registered route: answers 405 with `Allow` for known paths and
/// lets the tests compare the router with `docs/openapi.yaml`.
public struct RouteTable: Sendable {
    /// Method and path pattern of each route, in registration order.
    public let entries: [(method: HTTPRequest.Method, path: String)]

    /// Creates the table from routes.
    public init(_ routes: [APIRoute]) {
        entries = routes.map { ($0.method, $0.path) }
    }

    /// The methods registered for paths matching `path`, in registration order without repeats.
    public func allowedMethods(for path: String) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        for entry in entries where Self.matches(pattern: entry.path, path: path) && !methods.contains(entry.method) {
            methods.append(entry.method)
        }
        return methods
    }

    /// Whether `path` matches `pattern` segment by segment; `:name` matches any one segment.
    static func matches(pattern: String, path: String) -> Bool {
        let patternSegments = pattern.split(separator: "/")
        let pathSegments = path.split(separator: "/")
        guard patternSegments.count == pathSegments.count else { return false }
        return zip(patternSegments, pathSegments).allSatisfy { expected, actual in
            expected.hasPrefix(":") || expected == actual
        }
    }
}
