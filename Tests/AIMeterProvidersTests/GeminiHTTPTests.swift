import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Gemini CLI over HTTP")
struct GeminiHTTPTests {
    typealias H = AgentWindowsHarness
    static let load = "/v1internal:loadCodeAssist"
    static let quota = "/v1internal:retrieveUserQuota"

    @Test func discoversTheProjectThenReadsTheQuota() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("gemini/load-code-assist.json")))
            upstream.route("POST", Self.quota, .json(try H.text("gemini/retrieve-user-quota.json")))

            let snapshot = try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens())

            #expect(upstream.requests.map(\.path) == [Self.load, Self.quota])
            #expect(upstream.requests.allSatisfy { $0.header("Authorization") == "Bearer ya29.old-access" })
            #expect(upstream.requests.allSatisfy { $0.header("Content-Type") == "application/json" })
            #expect(try JSONValue.parse(upstream.requests[0].body)
                == ["metadata": ["ideType": "IDE_UNSPECIFIED", "platform": "PLATFORM_UNSPECIFIED", "pluginType": "GEMINI"]])
            #expect(upstream.requests[1].bodyText == #"{"project":"bright-canyon-5k1ws"}"#)
            #expect(snapshot.items.map(\.name) == ["gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-3-pro-preview"])
            #expect(snapshot.identity == Identity(plan: "Gemini Code Assist"))
        }
    }

    @Test func aConfiguredProjectSurvivesALoadFailure() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .serverError())
            upstream.route("POST", Self.quota, .json(try H.text("gemini/retrieve-user-quota.json")))

            let snapshot = try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens(), options: ["projectId": "team-project"])

            let loadBody = try JSONValue.parse(upstream.requests[0].body)
            #expect(loadBody["cloudaicompanionProject"] == "team-project")
            #expect(loadBody["metadata"]?["duetProject"] == "team-project")
            #expect(upstream.requests[1].bodyText == #"{"project":"team-project"}"#)
            #expect(snapshot.identity == nil)
        }
    }

    @Test func noProjectAnywhereIsAConfigurationError() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("gemini/load-code-assist.no-project.json")))
            let error = await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }
            #expect(error?.code == "CONFIGURATION_ERROR")
            #expect(upstream.requests.map(\.path) == [Self.load])
        }
    }

    @Test func a401RefreshesWithTheClientSecretAndPersistsTheRotatedTokenFirst() async throws {
        try await H.withUpstream { upstream in
            let quota = try H.text("gemini/retrieve-user-quota.json")
            upstream.route("POST", "/token", .json(try H.text("gemini/oauth-token.refresh.json")))
            upstream.route("POST", Self.load, .json(try H.text("gemini/load-code-assist.free.json")))
            upstream.route("POST", Self.quota) { request in
                request.header("Authorization") == "Bearer ya29.a0-fresh-gemini-token" ? .json(quota) : .unauthorized()
            }
            let persisted = PersistedCredentials(upstream: upstream)

            let snapshot = try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens(), persisted: persisted)

            #expect(upstream.requests.map(\.path) == [Self.load, Self.quota, "/token", Self.quota])
            #expect(upstream.requests[2].formFields["client_secret"] == "GOCSPX-secret")
            #expect(upstream.requests[2].formFields["client_id"] == "client-123.apps.googleusercontent.com")
            let entry = try #require(persisted.all.first)
            #expect(entry.requestsSeen.count == 3)
            #expect(entry.credentials.oauthTokens?.refreshToken == "1//0g-rotated-gemini-refresh")
            #expect(entry.credentials.oauthTokens?.expiresAt == H.now.addingTimeInterval(3600))
            #expect(snapshot.identity?.plan == "Gemini Code Assist for individuals")
        }
    }

    @Test func aSecond401AfterRefreshIsAuthRequired() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", "/token", .json(try H.text("gemini/oauth-token.refresh.json")))
            upstream.route("POST", Self.load, .unauthorized())
            let error = await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }
            #expect(error == .authRequired("Gemini CLI auth failed with HTTP 401; the refreshed token was rejected too"))
            #expect(upstream.requests.map(\.path) == [Self.load, "/token", Self.load])
        }
    }

    @Test func rateLimitsUseRetryAfterElseGooglesRetryDelay() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("gemini/load-code-assist.json")))
            upstream.route("POST", Self.quota, .json(try H.text("gemini/rate-limited.json"), status: 429))
            let fromBody = await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }
            #expect(fromBody?.retryAfter == 41.5)

            upstream.route("POST", Self.quota, .rateLimited(retryAfter: "12"))
            let fromHeader = await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }
            #expect(fromHeader?.retryAfter == 12)
        }
    }

    @Test func serverErrorsMalformedAndOversizedBodies() async throws {
        try await H.withUpstream { upstream in
            upstream.route("POST", Self.load, .json(try H.text("gemini/load-code-assist.json")))
            upstream.route("POST", Self.quota, .serverError("unavailable"))
            #expect(await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }
                == .upstreamStatus(status: 500, bodyPrefix: "unavailable"))
            upstream.route("POST", Self.quota, .malformedJSON())
            #expect(await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }?.code == "DECODING_ERROR")
            upstream.route("POST", Self.quota, .oversized(bytes: H.maxResponseBytes + 10))
            #expect(await H.providerError { try await H.fetch(GeminiAdapter(), upstream, tokens: H.googleTokens()) }
                == .responseTooLarge(limitBytes: H.maxResponseBytes))
        }
    }
}
