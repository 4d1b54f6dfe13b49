import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Copilot")
struct CopilotTests {
    let adapter = CopilotAdapter()
    typealias H = SubscriptionHarness

    @Test(arguments: [
        ParsingExample(
            "snapshots rank premium first and show unlimited quotas", fixture: "copilot/user.individual.json",
            expected: (items: [
                ProgressItem(name: "Premium", desc: "30 days window", usedPercent: 29.67, remainingPercent: 70.33, used: 89, limit: 300,
                             resetsAt: 1_777_593_600, resetDescription: "Monthly reset"),
                ProgressItem(name: "Chat", desc: "Unlimited", usedPercent: 0, remainingPercent: 100),
                ProgressItem(name: "Completions", desc: "Unlimited", usedPercent: 0, remainingPercent: 100),
            ], plan: "Individual")),
        // Subscribed day 31 in a 28-day February: Feb 28 → Mar 31 is 31 days.
        ParsingExample(
            "legacy free tier maps remaining against monthly", fixture: "copilot/user.free.json",
            expected: (items: [
                ProgressItem(name: "Chat", desc: "31 days window", usedPercent: 36, remainingPercent: 64, used: 180, limit: 500,
                             resetsAt: 1_774_915_200, resetDescription: "Monthly reset"),
                ProgressItem(name: "Completions", desc: "31 days window", usedPercent: 25, remainingPercent: 75, used: 500, limit: 2000,
                             resetsAt: 1_774_915_200, resetDescription: "Monthly reset"),
            ], plan: "Individual")),
        ParsingExample(
            "over quota clamps remaining and drops placeholders", fixture: "copilot/user.over-quota.json",
            expected: (items: [
                ProgressItem(name: "Premium", desc: "31 days window", usedPercent: 115, remainingPercent: 0, used: 345, limit: 300,
                             resetsAt: 1_776_211_200, resetDescription: "Monthly reset"),
            ], plan: "Business")),
    ])
    func snapshotFromFixture(_ example: ParsingExample<(items: [ProgressItem], plan: String)>) throws {
        let snapshot = try CopilotParser.snapshot(try H.data(example.fixture), now: H.now)

        #expect(snapshot.items == example.expected.items)
        #expect(snapshot.cost == nil)
        #expect(snapshot.identity == Identity(plan: example.expected.plan))
    }

    @Test func namesAndPlansAreFormatted() {
        #expect(CopilotParser.displayName("code_review-extra things") == "Code Review Extra Things")
        #expect(CopilotParser.capitalized("eNTERPRISE") == "Enterprise")
        #expect(CopilotParser.capitalized(nil) == nil)
        #expect(CopilotParser.windowDesc(resetsAt: nil, subscribedDay: 3) == nil)
    }

    @Test func requestCarriesTokenAndEditorHeaders() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/copilot_internal/user", .json(try H.data("copilot/user.individual.json")))
            let config = H.config(.copilot, upstream: upstream, credentials: .apiKey(" github_pat_test "))

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.items.count == 3)
            let request = try #require(upstream.requests.first)
            #expect(request.path == "/copilot_internal/user")
            #expect(request.header("Authorization") == "token github_pat_test")
            #expect(request.header("Editor-Version") == "vscode/1.96.2")
            #expect(request.header("Editor-Plugin-Version") == "copilot-chat/0.26.7")
            #expect(request.header("User-Agent") == "GitHubCopilotChat/0.26.7")
            #expect(request.header("X-Github-Api-Version") == "2025-04-01")
        }
    }

    @Test func mapsStatusesToTypedErrors() async throws {
        try await H.withUpstream { upstream in
            let config = H.config(.copilot, upstream: upstream, credentials: .oauth(OAuthTokens(accessToken: "ghu_test")))
            let cases: [(MockResponse, ProviderError)] = [
                (.unauthorized(), .authRequired("GitHub Copilot rejected the credential (HTTP 401)")),
                (.forbidden(), .authRequired("GitHub Copilot rejected the credential (HTTP 403)")),
                (.rateLimited(retryAfter: "60"), .rateLimited(retryAfter: 60, message: "GitHub Copilot rate limited the request (HTTP 429)")),
                (.serverError("ghu_test leaked"), .upstreamStatus(status: 500, bodyPrefix: "[redacted] leaked")),
                (.oversized(), .responseTooLarge(limitBytes: 10 * 1024 * 1024)),
                (.malformedJSON(), .decoding(path: "", message: "matched by code")),
            ]
            await H.expectErrors(cases, from: adapter, config, upstream: upstream, path: "/copilot_internal/user")
        }
    }

    @Test func validationAcceptsTokensOnly() {
        #expect(adapter.validate(H.config(.copilot, upstream: nil, credentials: .apiKey("ghp_x"))).isEmpty)
        #expect(adapter.validate(H.config(.copilot, upstream: nil, credentials: .cookie("a=b"), options: ["x": 1])) == [
            "credentials.type: cookie is not supported by provider copilot; use oauth or api_key",
            "options.x: unknown option for provider copilot",
        ])
        #expect(adapter.validate(H.config(.copilot, upstream: nil, credentials: nil)) == [
            "credentials: required for provider copilot (oauth or api_key)",
        ])
    }
}
