import AIMeterAPI
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting

/// Finds the write-type routes from the code itself: every route is called once with all its
/// preconditions met, against a ``FakeCollector`` that records what reaches the socket. A route
/// that sends an operation other than `ping` (readiness only pings) goes through the collector.
enum CollectorRouteProbe {
    /// Keys (`METHOD /pattern`) of the routes that send a control request.
    static func writeRoutes() async throws -> Set<String> {
        let env = try TestEnvironment(providers: SampleData.all)
        let collector = try FakeCollector(directory: env.directory) { request in
            request.op == "ping" ? .result(["pong": true]) : .error(code: "PROBE_ONLY", message: "probe")
        }
        defer { collector.stop() }
        let services = env.services(collectorSocket: collector.socketPath)
        let catalog = RouteCatalog(services)
        return try await env.test(services) { client in
            let admin = try await client.login(.admin)
            var found: Set<String> = []
            for route in catalog.routes {
                let before = collector.requests.filter { $0.op != "ping" }.count
                let request = route.satisfyingRequest(adminCookie: admin, providerId: SampleData.claude.id)
                var headers = HTTPFields()
                for (name, value) in request.headers {
                    if let field = HTTPFields.Element.Name(name) { headers[field] = value }
                }
                if request.json != nil { headers[.contentType] = "application/json" }
                _ = try await client.execute(
                    uri: request.path, method: HTTPRequest.Method(route.method)!, headers: headers,
                    body: request.json.map { ByteBuffer(string: $0) })
                if collector.requests.filter({ $0.op != "ping" }).count > before { found.insert(route.key) }
            }
            return found
        }
    }
}
