import Foundation
import Hummingbird
import Synchronization

/// A local HTTP server that stands in for a provider's upstream in tests.
///
/// It listens on `127.0.0.1` on a free port, answers configured routes with canned responses,
/// and records every request it receives (unmatched ones too, answered `404`). Routes can be
/// added or replaced while the server runs, from any task.
///
/// ```swift
/// let upstream = try await MockUpstream.start()
/// upstream.route("GET", "/api/oauth/usage") { request in
///     request.header("Authorization") == "Bearer good" ? .json(fixture) : .unauthorized()
/// }
/// upstream.route("GET", "/api/usage", query: ["user": "u1"], .rateLimited(retryAfter: "12"))
/// let config = ProviderConfig(id: "c", type: .claude, baseURL: upstream.baseURL, ...)
/// // ... run the adapter ...
/// #expect(upstream.requests.map(\.path) == ["/api/oauth/usage"])
/// await upstream.stop()
/// ```
///
/// Matching: the most recently added route whose method and path are equal and whose `query`
/// pairs are all present in the request wins. Routes for the same method, path and query
/// replace each other.
public final class MockUpstream: Sendable {
    /// A route's answer function; it sees the recorded request.
    public typealias Handler = @Sendable (RecordedRequest) async -> MockResponse

    struct Route: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var handler: Handler
    }

    struct State: Sendable {
        var routes: [Route] = []
        var requests: [RecordedRequest] = []
    }

    /// The bound port.
    public let port: Int
    /// `http://127.0.0.1:<port>`, with no trailing slash: put it in `ProviderConfig.baseURL`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let shared: SharedState
    private let serverTask: Task<Void, Never>

    private init(port: Int, shared: SharedState, serverTask: Task<Void, Never>) {
        self.port = port
        self.shared = shared
        self.serverTask = serverTask
    }

    /// Starts a server on `127.0.0.1` and a free port, and returns once it accepts connections.
    public static func start() async throws -> MockUpstream {
        let box = SharedState()
        let (portStream, portContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        var app = Application(
            responder: CallbackResponder { (request: Request, _: BasicRequestContext) in
                try await box.respond(to: request)
            },
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(.success(channel.localAddress?.port ?? 0))
            }
        )
        app.logger.logLevel = .critical
        let task = Task {
            do {
                try await app.run()
            } catch {
                portContinuation.yield(.failure(error))
            }
            portContinuation.finish()
        }
        for await result in portStream {
            let port = try result.get()
            guard port > 0 else { break }
            return MockUpstream(port: port, shared: box, serverTask: task)
        }
        task.cancel()
        throw MockUpstreamError.didNotStart
    }

    /// Stops the server and waits until it has closed its socket.
    public func stop() async {
        serverTask.cancel()
        await serverTask.value
    }

    /// Answers `method` + `path` (and, when given, requests whose query contains `query`) with `handler`.
    public func route(_ method: String, _ path: String, query: [String: String] = [:], _ handler: @escaping Handler) {
        let route = Route(method: method.uppercased(), path: path, query: query, handler: handler)
        shared.state.withLock { state in
            state.routes.removeAll { $0.method == route.method && $0.path == route.path && $0.query == route.query }
            state.routes.append(route)
        }
    }

    /// Answers `method` + `path` (+ `query`) with a fixed response.
    public func route(_ method: String, _ path: String, query: [String: String] = [:], _ response: MockResponse) {
        route(method, path, query: query) { _ in response }
    }

    /// Answers with `responses` in turn, repeating the last one once they are used up
    /// (e.g. `[.serverError(), .json(ok)]` for "fails once, then works").
    public func route(_ method: String, _ path: String, query: [String: String] = [:], sequence responses: [MockResponse]) {
        let counter = SharedCounter()
        route(method, path, query: query) { _ in
            let index = counter.next()
            return responses.isEmpty ? .status(404) : responses[min(index, responses.count - 1)]
        }
    }

    /// Removes every route (requests then get `404`).
    public func removeAllRoutes() {
        shared.state.withLock { $0.routes.removeAll() }
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] {
        shared.state.withLock { $0.requests }
    }

    /// The requests received for `path`, in arrival order.
    public func requests(to path: String) -> [RecordedRequest] {
        requests.filter { $0.path == path }
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        shared.state.withLock { $0.requests.removeAll() }
    }
}

/// A thread-safe counter for sequenced routes.
final class SharedCounter: Sendable {
    private let value = Mutex(0)

    /// The current value, then increments it.
    func next() -> Int {
        value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}

/// Why ``MockUpstream/start()`` failed.
public enum MockUpstreamError: Error, Sendable {
    /// The server stopped before reporting its port.
    case didNotStart
}
