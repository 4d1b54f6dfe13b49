import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("OpenCode over HTTP")
struct OpenCodeHTTPTests {
    typealias H = AgentWindowsHarness
    static let workspace = OpenCodeParsingTests.workspace
    static let goPath = "/workspace/\(workspace)/go"
    static let listQuery = ["id": OpenCodeClient.workspaceServerId]
    static let subscriptionQuery = ["id": OpenCodeClient.subscriptionServerId]

    static func fetch(_ upstream: MockUpstream, cookie: String = "Fe26.2**session", options: [String: JSONValue] = [:]) async throws
        -> UsageSnapshot
    {
        try await OpenCodeAdapter().fetch(H.context(.opencode, credentials: .cookie(cookie), baseURL: upstream.baseURL, options: options))
    }

    /// Answers POST /_server by server id.
    static func routePosts(_ upstream: MockUpstream, _ answers: [String: MockResponse]) {
        upstream.route("POST", "/_server") { request in
            answers[request.header("X-Server-Id") ?? ""] ?? .status(404)
        }
    }

    @Test func discoversTheWorkspaceThenReadsTheGoPage() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/_server", query: Self.listQuery, .text(try H.text("opencode/workspaces.server-fn.js"), contentType: "text/javascript"))
            upstream.route("GET", Self.goPath, .text(try H.text("opencode/go-page.html"), contentType: "text/html"))

            let snapshot = try await Self.fetch(upstream)

            #expect(upstream.requests.map(\.path) == ["/_server", Self.goPath])
            let list = upstream.requests[0]
            #expect(list.queryItems == Self.listQuery)
            #expect(list.header("Cookie") == "auth=Fe26.2**session")
            #expect(list.header("X-Server-Id") == OpenCodeClient.workspaceServerId)
            #expect(list.header("X-Server-Instance")?.hasPrefix("server-fn:") == true)
            #expect(list.header("Accept") == OpenCodeClient.serverAccept)
            #expect(list.header("Referer") == upstream.baseURL)
            let page = upstream.requests[1]
            #expect(page.header("Accept") == OpenCodeClient.pageAccept)
            #expect(page.header("Referer") == upstream.baseURL + "/go")
            #expect(page.header("Sec-Fetch-Mode") == "navigate")
            #expect(snapshot.items.map(\.name) == ["Session", "Weekly", "Monthly"])
            #expect(snapshot.items.map(\.usedPercent) == [7, 41.5, 63])
            #expect(snapshot.identity == Identity(plan: "Go"))
        }
    }

    @Test func aConfiguredWorkspaceSkipsDiscovery() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", Self.goPath, .text(try H.text("opencode/go-page.html"), contentType: "text/html"))
            _ = try await Self.fetch(upstream, cookie: "auth=abc; theme=dark", options: ["workspaceId": .string("https://opencode.ai/workspace/\(Self.workspace)/go")])
            #expect(upstream.requests.map(\.path) == [Self.goPath])
            #expect(upstream.requests[0].header("Cookie") == "auth=abc; theme=dark")
        }
    }

    @Test func aFailingGoPageFallsBackToTheSubscriptionFunction() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", Self.goPath, .text(try H.text("opencode/go-page.no-usage.html"), contentType: "text/html"))
            upstream.route("GET", "/_server", query: Self.subscriptionQuery, .text(try H.text("opencode/subscription.server-fn.js")))

            let snapshot = try await Self.fetch(upstream, options: ["workspaceId": .string(Self.workspace)])

            #expect(upstream.requests.map(\.path) == [Self.goPath, "/_server"])
            #expect(upstream.requests[1].queryItems["args"] == #"["\#(Self.workspace)"]"#)
            #expect(upstream.requests[1].query?.contains("args=%5B%22\(Self.workspace)%22%5D") == true)
            #expect(upstream.requests[1].header("Referer") == "\(upstream.baseURL)/workspace/\(Self.workspace)/billing")
            #expect(snapshot.items.map(\.name) == ["Session", "Weekly"])
        }
    }

    @Test func anEmptySubscriptionGetIsRetriedAsPost() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", Self.goPath, .serverError())
            upstream.route("GET", "/_server", query: Self.subscriptionQuery, .json(#"{"data":{"mine":true}}"#))
            Self.routePosts(upstream, [OpenCodeClient.subscriptionServerId: .json(try H.text("opencode/subscription.json"))])

            let snapshot = try await Self.fetch(upstream, options: ["workspaceId": .string(Self.workspace)])

            #expect(upstream.requests.map(\.method) == ["GET", "GET", "POST"])
            #expect(upstream.requests[2].bodyText == #"["\#(Self.workspace)"]"#)
            #expect(upstream.requests[2].header("Content-Type") == "application/json")
            #expect(snapshot.items.map(\.usedPercent) == [1, 30, 55])
        }
    }

    @Test func theOlderUsageFunctionIsTheLastResort() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", Self.goPath, .serverError())
            upstream.route("GET", "/_server", query: Self.subscriptionQuery, .serverError("boom"))
            Self.routePosts(upstream, [OpenCodeClient.fallbackUsageServerId: .text(try H.text("opencode/subscription.server-fn.js"))])

            let snapshot = try await Self.fetch(upstream, options: ["workspaceId": .string(Self.workspace)])

            let last = try #require(upstream.requests.last)
            #expect(last.header("X-Server-Instance") == "server-fn:0")
            #expect(last.header("Accept") == "*/*")
            let body = try JSONValue.parse(last.body)
            #expect(body["t"]?["a"]?[0] == ["t": 1, "s": .string(Self.workspace)])
            #expect(body["f"] == 31)
            #expect(snapshot.items.count == 2)

            // When the last resort has no usage either, the subscription error is reported.
            Self.routePosts(upstream, [OpenCodeClient.fallbackUsageServerId: .json("{}")])
            let error = await H.providerError { try await Self.fetch(upstream, options: ["workspaceId": .string(Self.workspace)]) }
            #expect(error == .upstreamStatus(status: 500, bodyPrefix: "OpenCode API: boom"))
        }
    }

    @Test func signedOutEverywhereIsAuthRequired() async throws {
        try await H.withUpstream { upstream in
            let signIn = MockResponse.text(try H.text("opencode/signed-out.html"), contentType: "text/html")
            upstream.route("GET", Self.goPath, signIn)
            upstream.route("GET", "/_server", query: Self.subscriptionQuery, .redirect(to: "https://auth.opencode.ai/authorize?client_id=app"))
            Self.routePosts(upstream, [OpenCodeClient.fallbackUsageServerId: signIn])

            let error = await H.providerError { try await Self.fetch(upstream, options: ["workspaceId": .string(Self.workspace)]) }
            #expect(error == .authRequired("Invalid or expired OpenCode session"))
        }
    }

    @Test func discoveryFailuresAreTyped() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/_server", query: Self.listQuery, .unauthorized())
            #expect(await H.providerError { try await Self.fetch(upstream) }?.isAuthRequired == true)

            upstream.route("GET", "/_server", query: Self.listQuery, .rateLimited(retryAfter: "9"))
            #expect(await H.providerError { try await Self.fetch(upstream) }?.retryAfter == 9)

            upstream.route("GET", "/_server", query: Self.listQuery, .json(try H.text("opencode/workspaces.none.json")))
            Self.routePosts(upstream, [OpenCodeClient.workspaceServerId: .json(try H.text("opencode/workspaces.none.json"))])
            #expect(await H.providerError { try await Self.fetch(upstream) }
                == .upstreamError("No OpenCode workspace found; set options.workspaceId"))

            upstream.route("GET", "/_server", query: Self.listQuery, .oversized(bytes: H.maxResponseBytes + 1))
            #expect(await H.providerError { try await Self.fetch(upstream) } == .responseTooLarge(limitBytes: H.maxResponseBytes))
        }
    }
}
