import AIMeterCore
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("codex-proxy: HTTP and route detection")
struct CodexProxyHTTPTests {
    typealias H = RelaysHarness

    static func config(_ upstream: MockUpstream, id: String = "cp", credentials: Credentials? = nil, options: [String: JSONValue] = [:]) -> ProviderConfig {
        H.config(.codexProxy, id: id, credentials: credentials, baseURL: upstream.baseURL, options: options)
    }

    @Test func version12RouteIsUsedAndRemembered() async throws {
        let adapter = CodexProxyAdapter()
        let (snapshot, requests) = try await H.withUpstream { upstream in
            upstream.route("GET", "/account/quota", .json(try H.data("codex-proxy/quota.v12-windows.json")))
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream)))
            _ = try await adapter.fetch(H.context(Self.config(upstream)))
            return (snapshot, upstream.requests)
        }
        #expect(requests.map(\.path) == ["/account/quota", "/account/quota"])
        #expect(requests[0].header("Accept") == "application/json")
        #expect(requests[0].header("Authorization") == nil)
        #expect(snapshot.items.map(\.name) == ["Session", "Weekly", "Additional Session"])
    }

    @Test func version11IsDetectedOnceThenAskedDirectly() async throws {
        let adapter = CodexProxyAdapter()
        let (snapshot, paths) = try await H.withUpstream { upstream in
            // Express answers unknown routes with an HTML 404.
            upstream.route("GET", "/account/quota", .text("<pre>Cannot GET /account/quota</pre>", status: 404, contentType: "text/html"))
            upstream.route("GET", "/accounts/quota", .json(try H.data("codex-proxy/quota.v11-summary.json")))
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream)))
            _ = try await adapter.fetch(H.context(Self.config(upstream)))
            // Another entry (another id) detects on its own.
            _ = try await adapter.fetch(H.context(Self.config(upstream, id: "cp-2")))
            return (snapshot, upstream.requests.map(\.path))
        }
        #expect(paths == ["/account/quota", "/accounts/quota", "/accounts/quota", "/account/quota", "/accounts/quota"])
        #expect(snapshot.items == [ProgressItem(name: "Quota", usedPercent: 15.5, remainingPercent: 84.5, resetsAt: 1_773_619_200)])
    }

    @Test func upgradedProxyIsRedetected() async throws {
        let adapter = CodexProxyAdapter()
        let paths = try await H.withUpstream { upstream in
            upstream.route("GET", "/accounts/quota", .json(try H.data("codex-proxy/quota.v11-summary.json")))
            _ = try await adapter.fetch(H.context(Self.config(upstream)))
            upstream.removeAllRoutes()
            upstream.route("GET", "/account/quota", .json(try H.data("codex-proxy/quota.v12-windows.json")))
            let snapshot = try await adapter.fetch(H.context(Self.config(upstream)))
            #expect(snapshot.identity == Identity(plan: "plus"))
            return upstream.requests.map(\.path)
        }
        #expect(paths == ["/account/quota", "/accounts/quota", "/accounts/quota", "/account/quota"])
    }

    @Test func allAccountsUsesTheListRouteAndFallsBackOn12() async throws {
        let adapter = CodexProxyAdapter()
        let (all, single, paths) = try await H.withUpstream { upstream in
            upstream.route("GET", "/accounts/quota/all", .json(try H.data("codex-proxy/quota-all.v11.json")))
            let all = try await adapter.fetch(H.context(Self.config(upstream, options: ["allAccounts": true])))
            upstream.removeAllRoutes()
            upstream.route("GET", "/account/quota", .json(try H.data("codex-proxy/quota.v11-summary.json")))
            let single = try await adapter.fetch(H.context(Self.config(upstream, id: "cp-12", options: ["allAccounts": true])))
            return (all, single, upstream.requests.map(\.path))
        }
        #expect(paths == ["/accounts/quota/all", "/accounts/quota/all", "/account/quota"])
        #expect(all.items.map(\.name) == ["a@example.org Quota", "c@example.org Session", "c@example.org Weekly"])
        #expect(single.items.map(\.name) == ["Quota"])
    }

    @Test func emailAndCredentialAreSent() async throws {
        let request = try await H.withUpstream { upstream in
            upstream.route("GET", "/accounts/quota", .json(try H.data("codex-proxy/quota.v11-summary.json")))
            let config = Self.config(upstream, credentials: .apiKey("proxy-gate-key"), options: ["email": "ops+team@example.org"])
            _ = try await CodexProxyAdapter().fetch(H.context(config))
            return try #require(upstream.requests(to: "/accounts/quota").first)
        }
        #expect(request.queryItems == ["email": "ops+team@example.org"])
        #expect(request.header("Authorization") == "Bearer proxy-gate-key")
    }

    @Test func noConfiguredAccountIsReportedWithoutTryingOtherRoutes() async throws {
        let (error, paths) = try await H.withUpstream { upstream in
            upstream.route("GET", "/account/quota", .json(try H.data("codex-proxy/no-account.v12.json"), status: 404))
            let error = await H.fetchError(CodexProxyAdapter(), Self.config(upstream))
            return (error, upstream.requests.map(\.path))
        }
        #expect(error == .upstreamError("codex-proxy 1.2.x: No account configured"))
        #expect(paths == ["/account/quota"])
    }

    @Test func missingRoutesEverywhereIsAClearError() async throws {
        let (error, paths) = try await H.withUpstream { upstream in
            (await H.fetchError(CodexProxyAdapter(), Self.config(upstream)), upstream.requests.map(\.path))
        }
        #expect(error == .upstreamError(
            "codex-proxy answered 404 on /account/quota (1.2.x) and /accounts/quota (1.1.x); is baseUrl a codex-proxy?"))
        #expect(paths == ["/account/quota", "/accounts/quota"])
    }

    @Test func loopbackRefusalIsExplained() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", "/account/quota", .json(#"{"error": "Forbidden"}"#, status: 403))
            return await H.fetchError(CodexProxyAdapter(), Self.config(upstream))
        }
        #expect(error?.isAuthRequired == true)
        #expect(error?.message.contains("only loopback clients") == true)
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        let secret = "proxy-secret-31"
        try await H.expectMapping(failure, secret: secret, path: "/account/quota", adapter: CodexProxyAdapter()) {
            Self.config($0, credentials: .apiKey(secret))
        }
    }

    @Test func failureInsideA200IsAnUpstreamError() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", "/account/quota", .json(try H.data("codex-proxy/quota.failure-200.json")))
            return await H.fetchError(CodexProxyAdapter(), Self.config(upstream))
        }
        #expect(error == .upstreamError("codex-proxy could not read the quota: Failed to refresh token: invalid_grant"))
    }

    @Test func defaultOriginIsLoopback8081() {
        let context = H.context(H.config(.codexProxy))
        let request = CodexProxyAdapter().request(.accountQuota, origin: context.origin(default: CodexProxyAdapter.defaultOrigin),
                                                  config: context.config, secret: nil)
        #expect(request.url == "http://127.0.0.1:8081/account/quota")
    }

    @Test func validation() {
        let adapter = CodexProxyAdapter()
        #expect(adapter.validate(H.config(.codexProxy)).isEmpty)
        #expect(adapter.validate(H.config(.codexProxy, credentials: .apiKey("k"), options: ["allAccounts": true])).isEmpty)
        #expect(adapter.validate(H.config(.codexProxy, options: ["allAccounts": "yes", "email": "", "port": 1])) == [
            "options.port: unknown option for provider codex-proxy",
            "options.allAccounts: must be true or false",
            "options.email: must be a non-empty string",
        ])
        #expect(adapter.validate(H.config(.codexProxy, options: ["allAccounts": true, "email": "a@b.c"])) == [
            "options.email: cannot be combined with allAccounts: true"
        ])
        #expect(adapter.validate(H.config(.codexProxy, credentials: .cookie("c=1"))) == [
            "credentials.type: cookie is not supported by provider codex-proxy; use api_key"
        ])
    }
}
