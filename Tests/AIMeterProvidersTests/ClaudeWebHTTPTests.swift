import AIMeterCore
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Claude cookie mode against MockUpstream")
struct ClaudeWebHTTPTests {
    let adapter = ClaudeAdapter()
    typealias H = SubscriptionHarness
    let org = "bbbb1111-2222-4333-8444-chat00000000"

    func routeAll(_ upstream: MockUpstream) throws {
        upstream.route("GET", "/api/organizations", .json(try H.data("claude/web-organizations.json")))
        upstream.route("GET", "/api/account", .json(try H.data("claude/web-account.json")))
        upstream.route("GET", "/api/organizations/\(org)/usage", .json(try H.data("claude/web-usage.limits.json")))
        upstream.route("GET", "/api/organizations/\(org)/overage_spend_limit", .json(try H.data("claude/web-overage-spend-limit.json")))
    }

    @Test func orgsThenAccountUsageAndOverage() async throws {
        try await H.withUpstream { upstream in
            try routeAll(upstream)
            let config = H.config(.claude, upstream: upstream, credentials: .cookie("lang=en; sessionKey=sk-ant-sid01-test; Path=/"))

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.items.map(\.name) == ["Session", "Weekly"])
            #expect(snapshot.identity == Identity(plan: "Claude Max"))
            #expect(snapshot.cost == Cost(used: 25.75, limit: 100, remaining: 74.25, currency: "USD", period: "Monthly"))
            #expect(upstream.requests.first?.path == "/api/organizations")
            #expect(Set(upstream.requests.dropFirst().map(\.path)) == [
                "/api/account", "/api/organizations/\(org)/usage", "/api/organizations/\(org)/overage_spend_limit",
            ])
            for request in upstream.requests {
                #expect(request.header("Cookie") == "sessionKey=sk-ant-sid01-test; lang=en")
                #expect(request.header("Origin") == "https://claude.ai")
                #expect(request.header("Referer") == "https://claude.ai/")
                #expect(request.header("User-Agent")?.hasPrefix("Mozilla/5.0") == true)
            }
        }
    }

    @Test func optionalCallsMayFail() async throws {
        try await H.withUpstream { upstream in
            try routeAll(upstream)
            upstream.route("GET", "/api/account", .serverError())
            upstream.route("GET", "/api/organizations/\(org)/overage_spend_limit", .forbidden())
            let config = H.config(.claude, upstream: upstream, credentials: .cookie("sk-ant-sid01-test"))

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.items.count == 2)
            #expect(snapshot.identity == nil)
            #expect(snapshot.cost == nil)
        }
    }

    @Test func requiredCallsMapToTypedErrors() async throws {
        try await H.withUpstream { upstream in
            try routeAll(upstream)
            let config = H.config(.claude, upstream: upstream, credentials: .cookie("sk-ant-sid01-test"))

            upstream.route("GET", "/api/organizations", .json("[]"))
            #expect(await H.providerError { try await adapter.fetch(H.context(config)) } == .upstreamError("No Claude organizations found"))
            upstream.route("GET", "/api/organizations", .unauthorized())
            #expect(await H.providerError { try await adapter.fetch(H.context(config)) }
                == .authRequired("claude.ai rejected the credential (HTTP 401)"))
            try routeAll(upstream)
            upstream.route("GET", "/api/organizations/\(org)/usage", .rateLimited(retryAfter: "90"))
            #expect(await H.providerError { try await adapter.fetch(H.context(config)) }
                == .rateLimited(retryAfter: 90, message: "claude.ai rate limited the request (HTTP 429)"))
            upstream.route("GET", "/api/organizations/\(org)/usage", .malformedJSON())
            #expect(await H.providerError { try await adapter.fetch(H.context(config)) }?.code == "DECODING_ERROR")
            upstream.route("GET", "/api/organizations/\(org)/usage", .oversized())
            #expect(await H.providerError { try await adapter.fetch(H.context(config)) } == .responseTooLarge(limitBytes: 10 * 1024 * 1024))
        }
    }

    @Test func validation() {
        #expect(adapter.validate(H.config(.claude, upstream: nil, credentials: .cookie("sk-ant-sid01-x"))).isEmpty)
        #expect(adapter.validate(H.config(.claude, upstream: nil, credentials: .oauth(OAuthTokens(accessToken: "a")),
                                          options: ["tokenUrl": "https://example.test/token", "userAgent": "x/1"])).isEmpty)
        #expect(adapter.validate(H.config(.claude, upstream: nil, credentials: .cookie("foo=bar"), options: ["mode": "web"])) == [
            "credentials.value: Invalid Claude cookie format. Paste the sessionKey value (sk-ant-...) or the whole Cookie header.",
            "options.mode: unknown option for provider claude",
        ])
        #expect(adapter.validate(H.config(.claude, upstream: nil, credentials: .apiKey("sk-ant-api"), options: ["userAgent": 3])) == [
            "credentials.type: api_key is not supported by provider claude; use oauth or cookie",
            "options.userAgent: must be a non-empty string",
        ])
    }
}
