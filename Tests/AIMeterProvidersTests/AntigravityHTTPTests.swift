import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Antigravity over HTTP")
struct AntigravityHTTPTests {
    typealias H = AgentWindowsHarness
    static let load = "/v1internal:loadCodeAssist"
    static let onboard = "/v1internal:onboardUser"
    static let models = "/v1internal:fetchAvailableModels"
    static let freshToken = "ya29.a0-fresh-antigravity-token"

    @Test func loadsThenFetchesModelsWithBearerAndUserAgent() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("antigravity/load-code-assist.json")))
            upstream.route("POST", Self.models, .json(try H.text("antigravity/fetch-available-models.json")))

            let snapshot = try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens())

            #expect(upstream.requests.map(\.path) == [Self.load, Self.models])
            for request in upstream.requests {
                #expect(request.method == "POST")
                #expect(request.header("Authorization") == "Bearer ya29.old-access")
                #expect(request.header("User-Agent") == "antigravity")
                #expect(request.header("Content-Type") == "application/json")
            }
            #expect(upstream.requests[0].bodyText == #"{"metadata":{"ideType":"ANTIGRAVITY"}}"#)
            #expect(upstream.requests[1].bodyText == #"{"project":"quiet-meadow-7p3qz"}"#)
            #expect(snapshot.identity == Identity(plan: "Google AI Ultra"))
            #expect(snapshot.items.count == 5)
            #expect(snapshot.items.first?.name == "Claude Opus 4.6 (Thinking)")
            #expect(snapshot.cost == nil)
            #expect(snapshot.updatedAt == H.now)
        }
    }

    @Test func onboardsWhenTheAccountHasNoProject() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("antigravity/load-code-assist.no-project.json")))
            upstream.route("POST", Self.onboard, .json(try H.text("antigravity/onboard-user.json")))
            upstream.route("POST", Self.models, .json(try H.text("antigravity/fetch-available-models.json")))

            let snapshot = try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens())

            #expect(upstream.requests.map(\.path) == [Self.load, Self.onboard, Self.models])
            let onboardBody = try JSONValue.parse(upstream.requests[1].body)
            #expect(onboardBody == ["tierId": "free-tier", "metadata": ["ideType": "ANTIGRAVITY", "platform": "PLATFORM_UNSPECIFIED", "pluginType": "GEMINI"]])
            #expect(upstream.requests[2].bodyText == #"{"project":"amber-orbit-2r8vd"}"#)
            #expect(snapshot.identity?.plan == "Gemini Code Assist for individuals")
        }
    }

    @Test func theCredentialProjectWinsAndALoadFailureOnlyLosesThePlan() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .serverError())
            upstream.route("POST", Self.models, .json(try H.text("antigravity/fetch-available-models.json")))

            let snapshot = try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens(projectId: " my-project "))

            #expect(upstream.requests.map(\.path) == [Self.load, Self.models])
            #expect(upstream.requests[1].bodyText == #"{"project":"my-project"}"#)
            #expect(snapshot.identity == nil)
        }
    }

    @Test func proactiveRefreshIsPersistedBeforeTheNewTokenIsUsed() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", "/token", .json(try H.text("antigravity/oauth-token.refresh.json")))
            upstream.route("POST", Self.load, .json(try H.text("antigravity/load-code-assist.json")))
            upstream.route("POST", Self.models, .json(try H.text("antigravity/fetch-available-models.json")))
            let persisted = PersistedCredentials(upstream: upstream)
            var tokens = H.googleTokens(expiresIn: 120)
            tokens.clientId = nil  // the built-in Antigravity client is used and written back

            _ = try await H.fetch(AntigravityAdapter(), upstream, tokens: tokens, persisted: persisted)

            #expect(upstream.requests.map(\.path) == ["/token", Self.load, Self.models])
            let form = upstream.requests[0].formFields
            #expect(form == [
                "client_id": AntigravityAdapter.defaultClientId, "client_secret": "GOCSPX-secret",
                "refresh_token": "1//0g-old-refresh", "grant_type": "refresh_token",
            ])
            #expect(upstream.requests[0].header("Content-Type") == "application/x-www-form-urlencoded")
            let entry = try #require(persisted.all.first)
            #expect(persisted.all.count == 1)
            #expect(entry.requestsSeen.map(\.path) == ["/token"])
            let stored = try #require(entry.credentials.oauthTokens)
            #expect(stored.accessToken == Self.freshToken)
            #expect(stored.refreshToken == "1//0g-old-refresh")
            #expect(stored.clientId == AntigravityAdapter.defaultClientId)
            #expect(stored.expiresAt == H.now.addingTimeInterval(3599))
            #expect(upstream.requests.dropFirst().allSatisfy { $0.header("Authorization") == "Bearer \(Self.freshToken)" })
        }
    }

    @Test func a401RefreshesOnceAndRestarts() async throws {
        try await H.withUpstream { upstream in
            let load = try H.text("antigravity/load-code-assist.json")
            upstream.route("POST", "/token", .json(try H.text("antigravity/oauth-token.refresh.json")))
            upstream.route("POST", Self.load) { request in
                request.header("Authorization") == "Bearer \(Self.freshToken)" ? .json(load) : .unauthorized()
            }
            upstream.route("POST", Self.models, .json(try H.text("antigravity/fetch-available-models.json")))
            let persisted = PersistedCredentials(upstream: upstream)

            let snapshot = try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens(), persisted: persisted)

            #expect(upstream.requests.map(\.path) == [Self.load, "/token", Self.load, Self.models])
            #expect(persisted.all.map(\.requestsSeen.count) == [2])
            #expect(snapshot.identity?.plan == "Google AI Ultra")
        }
    }

    @Test func aRejectedRefreshNeedsAHumanAndLeaksNoSecret() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", "/token", .json(try H.text("antigravity/oauth-token.invalid-grant.json"), status: 400))
            upstream.route("POST", Self.load, .unauthorized())
            let persisted = PersistedCredentials(upstream: upstream)

            let error = await H.providerError { try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens(), persisted: persisted) }

            #expect(error == .authRequired("Antigravity token refresh failed: invalid_grant"))
            #expect(persisted.all.isEmpty)
            for secret in ["ya29.old-access", "1//0g-old-refresh", "GOCSPX-secret"] {
                #expect(error?.message.contains(secret) == false)
            }
        }
    }

    @Test func rejectionWithoutRefreshMaterialIsAuthRequired() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("antigravity/permission-denied.json"), status: 403))

            let error = await H.providerError { try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens(refreshable: false)) }

            #expect(error == .authRequired(
                "Antigravity auth failed with HTTP 403 (PERMISSION_DENIED); add refreshToken, clientSecret to refresh automatically"))
            #expect(upstream.requests.count == 1)
        }
    }

    @Test func anExpiredTokenThatCannotRefreshSendsNothing() async throws {
        try await H.withUpstream { upstream in
            let error = await H.providerError {
                try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens(expiresIn: -60, refreshable: false))
            }
            #expect(error?.isAuthRequired == true)
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func failuresMapToTypedErrors() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("antigravity/load-code-assist.json")))
            let cases: [(MockResponse, (ProviderError?) -> Bool)] = [
                (.rateLimited(retryAfter: "30"), { $0?.retryAfter == 30 && $0?.code == "RATE_LIMITED" }),
                (.serverError("backend exploded"), { $0 == .upstreamStatus(status: 500, bodyPrefix: "backend exploded") }),
                (.malformedJSON(), { if case .decoding(path: "", _)? = $0 { true } else { false } }),
                (.oversized(bytes: H.maxResponseBytes + 1), { $0 == .responseTooLarge(limitBytes: H.maxResponseBytes) }),
            ]
            for (response, check) in cases {
                upstream.route("POST", Self.models, response)
                let error = await H.providerError { try await H.fetch(AntigravityAdapter(), upstream, tokens: H.googleTokens()) }
                #expect(check(error), "unexpected \(String(describing: error))")
            }
        }
    }

    @Test func fallsBackToTheNextBaseAndRemembersTheOneThatAnswered() async throws {
        try await H.withUpstream { daily in
            try await H.withUpstream { production in
                daily.route("POST", Self.load, .status(503))
                daily.route("POST", Self.models, .status(503))
                production.route("POST", Self.load, .json(try H.text("antigravity/load-code-assist.json")))
                production.route("POST", Self.models, .json(try H.text("antigravity/fetch-available-models.json")))
                let adapter = AntigravityAdapter(defaultBases: [daily.baseURL, production.baseURL], defaultTokenURL: daily.baseURL + "/token")
                let context = H.context(.antigravity, credentials: .oauth(H.googleTokens()), baseURL: nil)

                _ = try await adapter.fetch(context)
                #expect(daily.requests.map(\.path) == [Self.load])
                #expect(production.requests.map(\.path) == [Self.load, Self.models])

                daily.clearRequests()
                _ = try await adapter.fetch(context)
                #expect(daily.requests.isEmpty)
                #expect(production.requests.count == 4)

                // Every base failing reports the last failure.
                production.route("POST", Self.load, .status(502))
                production.route("POST", Self.models, .status(502))
                let error = await H.providerError { try await adapter.fetch(context) }
                #expect(error == .upstreamStatus(status: 503, bodyPrefix: ""))
            }
        }
    }
}
