import AIMeterAPI
import Foundation

/// The routes exactly as ``APIServer/routes(_:)`` registers them, so a new route is fuzzed and
/// checked without touching the tests.
struct RouteCatalog: Sendable {
    /// One registered route.
    struct Route: Sendable, Hashable {
        /// Upper-case method.
        var method: String
        /// Hummingbird pattern, e.g. `/api/providers/:id/refresh`.
        var pattern: String

        /// `METHOD /pattern`.
        var key: String { "\(method) \(pattern)" }

        /// `METHOD /api/providers/{id}/refresh`, the spelling of `docs/openapi.yaml`.
        var openAPIKey: String {
            let path = segments.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }
            return "\(method) /" + path.joined(separator: "/")
        }

        var segments: [String] { pattern.split(separator: "/").map(String.init) }

        /// The path with each `:name` replaced by `value(name)`.
        func path(_ value: (String) -> String) -> String {
            "/" + segments.map { $0.hasPrefix(":") ? value(String($0.dropFirst())) : $0 }.joined(separator: "/")
        }

        /// Whether a request path (without query) hits this route's pattern, segment by segment.
        func matches(path: String) -> Bool {
            let actual = path.split(separator: "/").map(String.init)
            return actual.count == segments.count
                && zip(segments, actual).allSatisfy { expected, given in expected.hasPrefix(":") || expected == given }
        }

        /// A request that meets every precondition of the route as an admin: the admin cookie and
        /// role header, both header secrets, `:role` = admin, `:id` = `providerId`, and a body with
        /// every field a route reads (the admin password; a change of the normal password).
        func satisfyingRequest(adminCookie: String, providerId: String) -> (path: String, headers: [(String, String)], json: String?) {
            let headers = [
                ("Cookie", adminCookie), ("x-aimeter-role", "admin"),
                ("x-aimeter-endpoint-secret", TestEnvironment.endpointSecret),
                ("x-aimeter-cron-secret", TestEnvironment.cronSecret),
            ]
            let json =
                method == "GET"
                ? nil
                : #"{"password":"\#(TestEnvironment.adminPassword)","targetRole":"normal","oldPassword":"\#(TestEnvironment.normalPassword)","newPassword":"fresh-password-123","providerIds":["\#(providerId)"]}"#
            return (path { $0 == "role" ? "admin" : providerId }, headers, json)
        }
    }

    /// Every route in registration order.
    let routes: [Route]

    /// The routes of a server built on `services`.
    init(_ services: APIServices) {
        routes = APIServer.routes(services).map { Route(method: $0.method.rawValue.uppercased(), pattern: $0.path) }
    }

    /// The route a request hits, if any.
    func route(method: String, path: String) -> Route? {
        routes.first { $0.method == method && $0.matches(path: path) }
    }
}
