import AIMeterAPI
import AIMeterConfig
import AIMeterLogging
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

/// Times aimeter's request path per route: the real router (access log, standard headers,
/// errors, request body, handler) answering requests built in memory on a
/// `NIOAsyncTestingChannel`, each response body read to the end by a client that is never slow.
/// No sockets and no load generator share the CPU, so the figures move far less between runs
/// than `bench/api.sh`'s; they leave out the HTTP layer and the kernel, which `api.sh` measures.
enum RouteCost {
    /// One route to time.
    struct Route {
        var method: HTTPRequest.Method
        var path: String
        var headers: HTTPFields
    }

    static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        guard let configIndex = arguments.firstIndex(of: "--config"), configIndex + 1 < arguments.count else {
            StandardError.print("usage: aimeter-bench-route --config PATH [--requests N] [--path PATH]")
            return 64
        }
        let requests = arguments.firstIndex(of: "--requests").flatMap { Int(arguments[$0 + 1]) } ?? 20_000
        // `--path P`: time only `GET P` with the session cookie (e.g. a history on a seeded year).
        let onlyPath = arguments.firstIndex(of: "--path").map { arguments[$0 + 1] }
        do {
            let config = try ConfigLoader.load(commandLinePath: arguments[configIndex + 1], environment: environment).config
            StderrLogHandler.bootstrap(environment: environment)
            let logger = Logger(label: "aimeter-api")
            let database = try await DatabaseOpener.open(path: config.database.path)
            let services = APIServices(
                config: config, database: database, collector: CollectorGateway(socketPath: config.collector.socket),
                displayItems: .antigravityPools, logger: logger)
            let responder = APIServer.buildRouter(services).buildResponder()
            let channel = NIOAsyncTestingChannel()
            let cookie = try await login(responder, channel: channel, logger: logger, password: environment["AIMETER_BENCH_PASSWORD"] ?? "")
            let secret = try services.sources().endpointSecret() ?? ""
            print(pad("route", 48) + pad("wall µs", 10, right: true) + pad("CPU µs", 10, right: true))
            var session = HTTPFields()
            session[.cookie] = cookie
            let chosen = onlyPath.map { [Route(method: .get, path: $0, headers: session)] } ?? routes(session: session, secret: secret)
            for route in chosen {
                let (wall, cpu) = try await time(route, requests: requests, responder: responder, channel: channel, logger: logger)
                print(
                    pad("\(route.method) \(route.path)", 48) + pad(String(format: "%.2f", wall), 10, right: true)
                        + pad(String(format: "%.2f", cpu), 10, right: true))
            }
            print("(\(requests) requests per route, one task, release build)")
            return 0
        } catch {
            StandardError.print("aimeter-bench-route: \(error)")
            return 1
        }
    }

    /// The hot routes, with a session cookie (`session`) or the endpoint secret.
    static func routes(session: HTTPFields, secret: String) -> [Route] {
        var endpoint = HTTPFields()
        endpoint[HTTPFields.Element.Name("x-aimeter-endpoint-secret")!] = secret
        return [
            Route(method: .get, path: "/api/health", headers: [:]),
            Route(method: .get, path: "/api/endpoint/subscriptions?format=json", headers: endpoint),
            Route(method: .get, path: "/api/endpoint/subscriptions?format=table", headers: endpoint),
            Route(method: .post, path: "/api/proxy/latest", headers: session),
            Route(method: .get, path: "/metrics", headers: endpoint),
            Route(method: .get, path: "/api/providers", headers: session),
        ]
    }

    /// Logs in as `normal` through the real route and returns the session cookie (`name=value`).
    static func login(
        _ responder: some HTTPResponder<APIRequestContext>, channel: NIOAsyncTestingChannel, logger: Logger, password: String
    ) async throws -> String {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = ByteBuffer(string: #"{"password":"# + "\"\(password)\"}")
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "bench", path: "/api/auth/normal/verify", headerFields: headers),
            body: .init(buffer: body))
        let response = try await responder.respond(to: request, context: APIRequestContext(source: .init(channel: channel, logger: logger)))
        guard let cookie = response.headers[.setCookie]?.split(separator: ";").first else {
            throw BenchError("login failed with \(response.status.code): set AIMETER_BENCH_PASSWORD to the normal password")
        }
        return String(cookie)
    }

    /// Wall and process-CPU microseconds per request of `route`, after checking it answers 200.
    static func time(
        _ route: Route, requests: Int, responder: some HTTPResponder<APIRequestContext>, channel: NIOAsyncTestingChannel, logger: Logger
    ) async throws -> (wall: Double, cpu: Double) {
        func once() async throws -> Int {
            let request = Request(
                head: HTTPRequest(method: route.method, scheme: "http", authority: "bench", path: route.path, headerFields: route.headers),
                body: .init(buffer: ByteBuffer()))
            let context = APIRequestContext(source: .init(channel: channel, logger: logger))
            let response = try await responder.respond(to: request, context: context)
            // Streamed bodies (history) are produced while they are read: read them to the end.
            try await response.body.write(DiscardingBodyWriter())
            return response.status.code
        }
        let status = try await once()
        guard status == 200 else { throw BenchError("\(route.path) answered \(status)") }
        for _ in 0..<(requests / 10) { _ = try await once() }
        let cpuStart = processCPUSeconds()
        let start = ContinuousClock.now
        for _ in 0..<requests { _ = try await once() }
        let wall = ContinuousClock.now - start
        let cpu = processCPUSeconds() - cpuStart
        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        return (wallSeconds / Double(requests) * 1e6, cpu / Double(requests) * 1e6)
    }

    /// `text` padded with spaces to `width` characters, on the left when `right`.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Reads a response body and drops it, as a client that is never slow would.
    struct DiscardingBodyWriter: ResponseBodyWriter {
        mutating func write(_ buffer: ByteBuffer) async throws {}
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
