import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterProviders

@Suite("Cursor")
struct CursorTests {
    let adapter = CursorAdapter()
    typealias H = SubscriptionHarness

    func parse(_ summary: String, legacy: String? = nil) throws -> UsageSnapshot {
        try CursorParser.snapshot(
            summary: try H.data("cursor/\(summary)"), legacyUsage: try legacy.map { try H.data("cursor/\($0)") }, now: H.now
        )
    }

    @Test func dollarPlanInCents() throws {
        for legacy in [nil, "usage.legacy.usage-based.json"] {
            let snapshot = try parse("usage-summary.team.json", legacy: legacy)

            #expect(snapshot.items == [
                ProgressItem(name: "Plan", desc: "31 days window", usedPercent: 30.85, remainingPercent: 69.15, used: 12.34, limit: 40,
                             resetsAt: 1_775_023_800),
            ])
            #expect(snapshot.cost == nil)
            #expect(snapshot.identity == Identity(plan: "Enterprise"))
        }
    }

    @Test func legacyRequestLimitOverridesTheDollarPlan() throws {
        let snapshot = try parse("usage-summary.team.json", legacy: "usage.legacy.request-based.json")

        #expect(snapshot.items == [
            ProgressItem(name: "Plan", desc: "31 days window", usedPercent: 42.4, remainingPercent: 57.6, used: 212, limit: 500,
                         resetsAt: 1_775_023_800),
        ])
    }

    @Test func freePlanPercentIsNotAFraction() throws {
        let snapshot = try parse("usage-summary.free.json")

        #expect(snapshot.items == [ProgressItem(name: "Plan", desc: "31 days window", usedPercent: 0.6, resetsAt: 1_776_685_530)])
        #expect(snapshot.identity == Identity(plan: "free"))
    }

    @Test func onDemandBecomesSecondaryAndCost() throws {
        let snapshot = try parse("usage-summary.pro-ondemand.json")

        #expect(snapshot.items == [
            ProgressItem(name: "Plan", desc: "31 days window", usedPercent: 100, remainingPercent: 0, used: 20, limit: 20,
                         resetsAt: 1_775_347_200),
            ProgressItem(name: "Secondary", desc: "31 days window", usedPercent: 37.5, remainingPercent: 62.5, used: 18.75, limit: 50,
                         resetsAt: 1_775_347_200),
        ])
        #expect(snapshot.cost == Cost(used: 18.75, limit: 50, remaining: 31.25, currency: "USD", period: "monthly"))
        #expect(snapshot.identity == Identity(plan: "Pro"))
    }

    @Test func legacySnakeCaseSummary() throws {
        let snapshot = try parse("usage-summary.legacy-shape.json")

        #expect(snapshot.items == [
            ProgressItem(name: "Plan", desc: "", usedPercent: 25, remainingPercent: 75, used: 3, limit: 12, resetsAt: 1_775_779_200),
            ProgressItem(name: "Secondary", desc: "", usedPercent: 5, remainingPercent: 95, used: 0.5, limit: 10, resetsAt: 1_775_779_200),
        ])
        #expect(snapshot.cost == Cost(used: 0.5, limit: 10, remaining: 9.5, currency: "USD", period: "monthly"))
        #expect(snapshot.identity == Identity(plan: "Hobby"))
    }

    @Test func emptySummaryIsADecodingErrorNotAZeroBar() {
        #expect(throws: ProviderError.decoding(path: "individualUsage.plan", message: "the usage summary has no plan usage")) {
            try CursorParser.snapshot(summary: Data("{}".utf8), legacyUsage: nil, now: H.now)
        }
    }

    @Test func cookieNormalization() {
        #expect(CursorAdapter.cookieHeader("user_01ABC%3A%3Aey.jwt") == "WorkosCursorSessionToken=user_01ABC%3A%3Aey.jwt;")
        #expect(CursorAdapter.cookieHeader(" 'user_01ABC;' ") == "WorkosCursorSessionToken=user_01ABC;")
        #expect(CursorAdapter.cookieHeader("Cookie: WorkosCursorSessionToken = user_1; other=2") == "WorkosCursorSessionToken = user_1; other=2")
        #expect(CursorAdapter.cookieHeader("other=2") == "other=2")
        #expect(CursorAdapter.cookieHeader("  ") == nil)
    }

    @Test func fetchesSummaryAndMeThenLegacyUsageForTheSubject() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/usage-summary", .json(try H.data("cursor/usage-summary.team.json")))
            upstream.route("GET", "/api/auth/me", .json(try H.data("cursor/auth-me.json")))
            upstream.route("GET", "/api/usage", query: ["user": "user_01TESTSUBJECT0000000000AB"],
                           .json(try H.data("cursor/usage.legacy.request-based.json")))
            let config = H.config(.cursor, upstream: upstream, credentials: .cookie("user_01TEST::token"))

            let snapshot = try await adapter.fetch(H.context(config))

            #expect(snapshot.items.first?.limit == 500)
            #expect(Set(upstream.requests.map(\.path)) == ["/api/usage-summary", "/api/auth/me", "/api/usage"])
            #expect(upstream.requests.last?.path == "/api/usage")
            for request in upstream.requests {
                #expect(request.header("Cookie") == "WorkosCursorSessionToken=user_01TEST::token;")
                #expect(request.header("Accept") == "application/json")
            }
        }
    }

    @Test func failingMeAndLegacyCallsDoNotSinkTheFetch() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/usage-summary", .json(try H.data("cursor/usage-summary.pro-ondemand.json")))
            upstream.route("GET", "/api/auth/me", .json(try H.data("cursor/auth-me.json")))
            upstream.route("GET", "/api/usage", .serverError())
            let config = H.config(.cursor, upstream: upstream, credentials: .cookie("WorkosCursorSessionToken=x"))

            let withLegacyFailure = try await adapter.fetch(H.context(config))
            upstream.route("GET", "/api/auth/me", .unauthorized())
            let withMeFailure = try await adapter.fetch(H.context(config))

            #expect(withLegacyFailure.items.map(\.name) == ["Plan", "Secondary"])
            #expect(withMeFailure == withLegacyFailure)
        }
    }

    @Test func mapsStatusesToTypedErrors() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/api/auth/me", .json("{}"))
            let config = H.config(.cursor, upstream: upstream, credentials: .cookie("WorkosCursorSessionToken=abc123"))
            let cases: [(MockResponse, ProviderError)] = [
                (.unauthorized(), .authRequired("Invalid or expired Cursor session (HTTP 401)")),
                (.forbidden(), .authRequired("Invalid or expired Cursor session (HTTP 403)")),
                (.rateLimited(retryAfter: "5"), .rateLimited(retryAfter: 5, message: "Cursor rate limited the request (HTTP 429)")),
                (.serverError(), .upstreamStatus(status: 500, bodyPrefix: "internal error")),
                (.oversized(), .responseTooLarge(limitBytes: 10 * 1024 * 1024)),
                (.malformedJSON(), .decoding(path: "", message: "matched by code")),
            ]
            await H.expectErrors(cases, from: adapter, config, upstream: upstream, path: "/api/usage-summary")
        }
    }

    @Test func validationWantsACookie() {
        #expect(adapter.validate(H.config(.cursor, upstream: nil, credentials: .cookie("x"))).isEmpty)
        #expect(adapter.validate(H.config(.cursor, upstream: nil, credentials: .cookie("   "))) == ["credentials.value: must not be empty"])
        #expect(adapter.validate(H.config(.cursor, upstream: nil, credentials: .apiKey("k"))) == [
            "credentials.type: api_key is not supported by provider cursor; use cookie",
        ])
    }
}
