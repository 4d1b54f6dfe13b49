import AIMeterCore
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Codex against MockUpstream")
struct CodexHTTPTests {
    let adapter = CodexAdapter()
    typealias H = SubscriptionHarness

    func oauth(refresh: String? = "rt_old", expiresAt: Date? = nil, accountId: String? = nil) -> Credentials {
        .oauth(OAuthTokens(accessToken: CodexTokens.accessJWT, refreshToken: refresh, expiresAt: expiresAt,
                           idToken: CodexTokens.idJWT, accountId: accountId))
    }

    @Test func sendsBearerAndAccountHeader() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/backend-api/wham/usage", .json(try H.data("codex/usage.credits.json")))
            let config = H.config(.codex, upstream: upstream, credentials: oauth(accountId: "acct-config"))

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.identity == Identity(plan: "pro"))
            let request = try #require(upstream.requests.first)
            #expect(upstream.requests.count == 1)
            #expect(request.path == "/backend-api/wham/usage")
            #expect(request.header("Authorization") == "Bearer \(CodexTokens.accessJWT)")
            #expect(request.header("ChatGPT-Account-Id") == "acct-config")
            #expect(request.header("User-Agent") == "codex-cli")
            #expect(request.header("Accept") == "application/json")
        }
    }

    @Test func refreshesOn401WithFormBodyAndPersistsFirst() async throws {
        try await H.withUpstream { upstream in
            let log = EventLog()
            let usage = try H.data("codex/usage.plus.json")
            upstream.route("GET", "/backend-api/wham/usage") { request in
                let auth = request.header("Authorization") ?? ""
                log.append("usage:\(auth == "Bearer \(CodexTokens.refreshedJWT)" ? "new" : "old")")
                return auth == "Bearer \(CodexTokens.refreshedJWT)" ? .json(usage) : .unauthorized()
            }
            upstream.route("POST", "/oauth/token", .json(try H.data("codex/oauth-token.refresh.json")))
            let config = H.config(.codex, upstream: upstream, credentials: oauth())

            let snapshot = try await adapter.fetch(H.context(config, log: log))

            #expect(snapshot.items.count == 6)
            #expect(log.entries == ["usage:old", "persist:\(CodexTokens.refreshedJWT)", "usage:new"])
            let refresh = try #require(upstream.requests(to: "/oauth/token").first)
            #expect(refresh.formFields == [
                "grant_type": "refresh_token", "refresh_token": "rt_old", "client_id": "app_EMoamEEZ73f0CkXaXp7hrann",
            ])
            let stored = try #require(log.persistedCredentials.first?.oauthTokens)
            #expect(stored.refreshToken == "rt_NEW_rotated_refresh_token_for_tests")
            #expect(stored.idToken == CodexTokens.idJWT)
            // No expires_in in the answer: the new token's own exp claim.
            #expect(stored.expiresAt == Date(timeIntervalSince1970: 1_775_864_000))
            // The account header survives the rotation (it came from the id token).
            #expect(upstream.requests(to: "/backend-api/wham/usage").last?.header("ChatGPT-Account-Id") == "acct-in-id-token")
        }
    }

    @Test func refreshesProactivelyFromTheJWTExpiry() async throws {
        try await H.withUpstream { upstream in
            let log = EventLog()
            upstream.route("GET", "/backend-api/wham/usage", .json(try H.data("codex/usage.plus.json")))
            upstream.route("POST", "/oauth/token", .json(try H.data("codex/oauth-token.refresh.json")))
            // The access token expires in 50 minutes; a 60-minute interval puts that inside the window.
            let config = H.config(.codex, upstream: upstream, credentials: oauth(), refreshIntervalMinutes: 60)

            _ = try await adapter.fetch(H.context(config, log: log))

            #expect(upstream.requests.map(\.path) == ["/oauth/token", "/backend-api/wham/usage"])
            #expect(upstream.requests[1].header("Authorization") == "Bearer \(CodexTokens.refreshedJWT)")
            #expect(log.entries == ["persist:\(CodexTokens.refreshedJWT)"])
        }
    }

    @Test func expiredTokenWithDeadRefreshIsAuthRequired() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/backend-api/wham/usage", .unauthorized())
            upstream.route("POST", "/oauth/token", .json(try H.data("codex/oauth-token.invalid-grant.json"), status: 401))
            let config = H.config(.codex, upstream: upstream, credentials: oauth(expiresAt: H.now.addingTimeInterval(-60)))

            let error = await H.providerError { try await adapter.fetch(H.context(config)) }

            #expect(error == .authRequired("Codex OAuth refresh rejected: invalid_grant"))
            // Expired: the failed proactive refresh ends the poll without a usage call.
            #expect(upstream.requests.map(\.path) == ["/oauth/token"])
        }
    }

    @Test func mapsStatusesToTypedErrors() async throws {
        try await H.withUpstream { upstream in
            let config = H.config(.codex, upstream: upstream, credentials: oauth(refresh: nil))
            let cases: [(MockResponse, ProviderError)] = [
                (.unauthorized(), .authRequired("Codex OAuth token was rejected (HTTP 401) and no refresh token is configured")),
                (.rateLimited(retryAfter: "12"), .rateLimited(retryAfter: 12, message: "Codex rate limited the request (HTTP 429)")),
                (.forbidden(), .authRequired("Codex rejected the credential (HTTP 403)")),
                (.serverError(), .upstreamStatus(status: 500, bodyPrefix: "internal error")),
                (.oversized(), .responseTooLarge(limitBytes: 10 * 1024 * 1024)),
                (.malformedJSON(), .decoding(path: "", message: "matched by code")),
            ]
            await H.expectErrors(cases, from: adapter, config, upstream: upstream, path: "/backend-api/wham/usage")
        }
    }

    @Test func validationChecksCredentialAndOptions() {
        let good = H.config(.codex, upstream: nil, credentials: oauth())
        #expect(adapter.validate(good).isEmpty)
        let cookie = H.config(.codex, upstream: nil, credentials: .cookie("x=y"), options: ["region": "eu", "tokenUrl": "ftp://x"])
        #expect(adapter.validate(cookie) == [
            "credentials.type: cookie is not supported by provider codex; use oauth",
            "options.region: unknown option for provider codex",
            "options.tokenUrl: must be an http(s) URL",
        ])
    }
}
