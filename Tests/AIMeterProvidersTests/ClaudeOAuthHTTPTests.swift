import AIMeterCore
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Claude OAuth against MockUpstream")
struct ClaudeOAuthHTTPTests {
    let adapter = ClaudeAdapter()
    typealias H = SubscriptionHarness

    func oauth(access: String = "sk-ant-oat01-old", refresh: String? = "sk-ant-ort01-old", expiresIn: TimeInterval? = 3600) -> Credentials {
        .oauth(OAuthTokens(accessToken: access, refreshToken: refresh, expiresAt: expiresIn.map { H.now.addingTimeInterval($0) }))
    }

    @Test func sendsUsageRequestWithCLIHeadersAndReadsProfilePlan() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .json(try H.data("claude/oauth-usage.max.json")))
            upstream.route("GET", "/api/oauth/profile", .json(try H.data("claude/oauth-profile.json")))
            let config = H.config(.claude, upstream: upstream, credentials: oauth())

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.identity == Identity(plan: "Claude Max 20x"))
            #expect(snapshot.items.count == 5)
            #expect(upstream.requests.map(\.path) == ["/api/oauth/usage", "/api/oauth/profile"])
            let usage = upstream.requests[0]
            #expect(usage.method == "GET")
            #expect(usage.header("Authorization") == "Bearer sk-ant-oat01-old")
            #expect(usage.header("anthropic-beta") == "oauth-2025-04-20")
            #expect(usage.header("Accept") == "application/json")
            #expect(usage.header("User-Agent") == "claude-code/2.1.69")
        }
    }

    @Test func configuredPlanSkipsProfileAndHidesModelWindows() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .json(try H.data("claude/oauth-usage.max.json")))
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "Claude Pro", options: ["userAgent": "probe/1"])

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.items.map(\.name) == ["Session", "Weekly"])
            #expect(snapshot.identity == Identity(plan: "Claude Pro"))
            #expect(upstream.requests.map(\.path) == ["/api/oauth/usage"])
            #expect(upstream.requests[0].header("User-Agent") == "probe/1")
        }
    }

    @Test func refreshesOnceOn401AndPersistsBeforeRetrying() async throws {
        try await H.withUpstream { upstream in
            let log = EventLog()
            let usage = try H.data("claude/oauth-usage.pro.json")
            upstream.route("GET", "/api/oauth/usage") { request in
                let auth = request.header("Authorization") ?? ""
                log.append("usage:\(auth)")
                return auth == "Bearer sk-ant-oat01-NEW-access-token-for-tests" ? .json(usage) : .unauthorized()
            }
            upstream.route("POST", "/v1/oauth/token", .json(try H.data("claude/oauth-token.refresh.json")))
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "Claude Pro")

            let snapshot = try await adapter.fetch(H.context(config, log: log))

            #expect(snapshot.items.map(\.name) == ["Session", "Weekly"])
            #expect(log.entries == [
                "usage:Bearer sk-ant-oat01-old",
                "persist:sk-ant-oat01-NEW-access-token-for-tests",
                "usage:Bearer sk-ant-oat01-NEW-access-token-for-tests",
            ])
            let refresh = try #require(upstream.requests(to: "/v1/oauth/token").first)
            #expect(refresh.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(refresh.formFields == [
                "grant_type": "refresh_token", "refresh_token": "sk-ant-ort01-old",
                "client_id": "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
            ])
            let stored = try #require(log.persistedCredentials.first?.oauthTokens)
            #expect(stored.refreshToken == "sk-ant-ort01-NEW-refresh-token-for-tests")
            #expect(stored.expiresAt == H.now.addingTimeInterval(3600))
        }
    }

    @Test func refreshesProactivelyNearExpiry() async throws {
        try await H.withUpstream { upstream in
            let log = EventLog()
            let usage = try H.data("claude/oauth-usage.pro.json")
            let refreshed = try H.data("claude/oauth-token.refresh.json")
            upstream.route("GET", "/api/oauth/usage") { request in
                log.append("usage:\(request.header("Authorization") ?? "")")
                return .json(usage)
            }
            upstream.route("POST", "/v1/oauth/token") { _ in
                log.append("refresh")
                return .json(refreshed)
            }
            // Expires in 4 minutes, inside the max(refreshInterval 3, 5) = 5 minute window.
            let config = H.config(.claude, upstream: upstream, credentials: oauth(expiresIn: 240), plan: "pro", refreshIntervalMinutes: 3)

            _ = try await adapter.fetch(H.context(config, log: log))

            #expect(log.entries == [
                "refresh", "persist:sk-ant-oat01-NEW-access-token-for-tests", "usage:Bearer sk-ant-oat01-NEW-access-token-for-tests",
            ])
        }
    }

    @Test func tokenOutsideTheWindowIsNotRefreshed() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .json(try H.data("claude/oauth-usage.pro.json")))
            let config = H.config(.claude, upstream: upstream, credentials: oauth(expiresIn: 600), plan: "pro")

            _ = try await adapter.fetch(H.context(config))

            #expect(upstream.requests(to: "/v1/oauth/token").isEmpty)
        }
    }

    @Test func failedProactiveRefreshFallsBackToTheStillValidToken() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .json(try H.data("claude/oauth-usage.pro.json")))
            upstream.route("POST", "/v1/oauth/token", .serverError())
            let config = H.config(.claude, upstream: upstream, credentials: oauth(expiresIn: 60), plan: "pro")
            let log = EventLog()

            let snapshot = try await adapter.fetch(H.context(config, log: log))

            #expect(snapshot.items.count == 2)
            #expect(log.persistedCredentials.isEmpty)
            #expect(upstream.requests(to: "/api/oauth/usage").first?.header("Authorization") == "Bearer sk-ant-oat01-old")
        }
    }

    @Test func invalidGrantMeansAuthRequired() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .unauthorized())
            upstream.route("POST", "/v1/oauth/token", .json(try H.data("claude/oauth-token.invalid-grant.json"), status: 400))
            let log = EventLog()
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "pro")

            let error = await H.providerError { try await adapter.fetch(H.context(config, log: log)) }

            #expect(error == .authRequired("Claude OAuth refresh rejected: invalid_grant"))
            #expect(log.persistedCredentials.isEmpty)
            #expect(upstream.requests(to: "/api/oauth/usage").count == 1)
        }
    }

    @Test func missingRefreshTokenMeansAuthRequired() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .unauthorized())
            let config = H.config(.claude, upstream: upstream, credentials: oauth(refresh: nil), plan: "pro")

            let error = await H.providerError { try await adapter.fetch(H.context(config)) }

            #expect(error?.isAuthRequired == true)
            #expect(upstream.requests(to: "/v1/oauth/token").isEmpty)
        }
    }

    @Test func secondUnauthorizedAfterRefreshIsAuthRequired() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .unauthorized())
            upstream.route("POST", "/v1/oauth/token", .json(try H.data("claude/oauth-token.refresh.json")))
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "pro")

            let error = await H.providerError { try await adapter.fetch(H.context(config)) }

            #expect(error == .authRequired("Claude OAuth token expired or was revoked (HTTP 401)"))
            #expect(upstream.requests(to: "/api/oauth/usage").count == 2)
            #expect(upstream.requests(to: "/v1/oauth/token").count == 1)
        }
    }

    @Test func tokenUrlOptionOverridesTheTokenHost() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", sequence: [.unauthorized(), .json(try H.data("claude/oauth-usage.pro.json"))])
            upstream.route("POST", "/custom/token", .json(try H.data("claude/oauth-token.refresh.json")))
            let options: [String: JSONValue] = ["tokenUrl": .string(upstream.baseURL + "/custom/token")]
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "pro", options: options)

            _ = try await adapter.fetch(H.context(config))

            #expect(upstream.requests.map(\.path) == ["/api/oauth/usage", "/custom/token", "/api/oauth/usage"])
        }
    }

    @Test func mapsStatusesToTypedErrors() async throws {
        try await H.withUpstream { upstream in
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "pro")
            let cases: [(MockResponse, ProviderError)] = [
                (.rateLimited(retryAfter: "30"), .rateLimited(retryAfter: 30, message: "Claude OAuth rate limited the request (HTTP 429)")),
                (.rateLimited(retryAfter: "Wed, 01 Apr 2026 00:00:00 GMT"),
                 .rateLimited(retryAfter: 1600, message: "Claude OAuth rate limited the request (HTTP 429)")),
                (.forbidden(#"{"error":"OAuth token does not meet scope requirement user:profile"}"#),
                 .authRequired("Claude OAuth token is missing the user:profile scope")),
                (.forbidden(), .authRequired("Claude OAuth access denied (HTTP 403)")),
                (.serverError("upstream exploded"), .upstreamStatus(status: 500, bodyPrefix: "upstream exploded")),
                (.malformedJSON(), .decoding(path: "", message: "body is not valid JSON (Unexpected end of input at byte 49)")),
                (.oversized(), .responseTooLarge(limitBytes: 10 * 1024 * 1024)),
            ]
            await H.expectErrors(cases, from: adapter, config, upstream: upstream, path: "/api/oauth/usage")
        }
    }

    @Test func errorsNeverContainTheToken() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/oauth/usage", .serverError("bad token sk-ant-oat01-old here"))
            let config = H.config(.claude, upstream: upstream, credentials: oauth(), plan: "pro")

            let error = await H.providerError { try await adapter.fetch(H.context(config)) }

            #expect(error == .upstreamStatus(status: 500, bodyPrefix: "bad token [redacted] here"))
        }
    }
}
