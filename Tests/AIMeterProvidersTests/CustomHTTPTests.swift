import AIMeterCore
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Custom: HTTP")
struct CustomHTTPTests {
    typealias H = RelaysHarness
    let adapter = CustomAdapter()

    @Test func ccapiRequestUsesTheConfiguredHeadersAndBaseURLOverride() async throws {
        let (snapshot, request) = try await H.withUpstream { upstream in
            upstream.route("GET", "/admin/api/accounts", .json(try H.data("custom/ccapi-accounts.json")))
            var options = CustomParsingTests.ccapiOptions
            options["url"] = "https://ccapi.example.net/admin/api/accounts?include=windows"
            options["headers"] = ["X-Admin-Token": "adm-9f8e7d6c5b4a", "Accept": "application/vnd.ccapi+json"]
            // baseUrl replaces scheme and host of options.url, keeping its path and query.
            let snapshot = try await adapter.fetch(H.context(H.config(.custom, baseURL: upstream.baseURL, options: options)))
            return (snapshot, try #require(upstream.requests.first))
        }
        #expect(request.method == "GET")
        #expect(request.path == "/admin/api/accounts")
        #expect(request.queryItems == ["include": "windows"])
        #expect(request.header("X-Admin-Token") == "adm-9f8e7d6c5b4a")
        #expect(request.headerValues("Accept") == ["application/vnd.ccapi+json"])
        #expect(request.header("Authorization") == nil)
        #expect(snapshot.items.map(\.name) == ["Claude 5h", "Claude 7d", "Codex 5h", "Codex 7d", "Backup 5h"])
        #expect(snapshot.cost?.used == 18.734)
    }

    @Test func apiKeyGoesAsBearerByDefault() async throws {
        let request = try await H.withUpstream { upstream in
            upstream.route("GET", "/api/user/self", .json(try H.data("custom/newapi-user-self.json")))
            let config = H.config(.custom, credentials: .apiKey(" sys-token-1234 "), baseURL: upstream.baseURL, options: CustomParsingTests.newAPIOptions)
            _ = try await adapter.fetch(H.context(config))
            return try #require(upstream.requests.first)
        }
        #expect(request.header("Authorization") == "Bearer sys-token-1234")
        #expect(request.header("New-Api-User") == "7")
        #expect(request.header("Accept") == "application/json")
    }

    @Test func authHeaderSendsTheRawKeyAndCookiesGoInCookie() async throws {
        let requests = try await H.withUpstream { upstream in
            upstream.route("GET", "/api/user/self", .json(try H.data("custom/newapi-user-self.json")))
            var options = CustomParsingTests.newAPIOptions
            options["authHeader"] = "Authorization"
            _ = try await adapter.fetch(H.context(H.config(.custom, credentials: .apiKey("raw-access-token"), baseURL: upstream.baseURL, options: options)))
            options["authHeader"] = "x-api-key"
            _ = try await adapter.fetch(H.context(H.config(.custom, credentials: .jwt("cr_relaykey"), baseURL: upstream.baseURL, options: options)))
            options["authHeader"] = nil
            _ = try await adapter.fetch(H.context(H.config(.custom, credentials: .cookie("session=abc"), baseURL: upstream.baseURL, options: options)))
            return upstream.requests
        }
        #expect(requests.count == 3)
        #expect(requests[0].header("Authorization") == "raw-access-token")
        #expect(requests[1].header("x-api-key") == "cr_relaykey")
        #expect(requests[1].header("Authorization") == nil)
        #expect(requests[2].header("Cookie") == "session=abc")
        #expect(requests[2].header("Authorization") == nil)
    }

    @Test func postSendsTheJSONBody() async throws {
        let request = try await H.withUpstream { upstream in
            upstream.route("POST", "/apiStats/api/user-stats", .json(#"{"success": true, "data": {"limits": {"used": 2.5, "daily": 10}}}"#))
            let options: [String: JSONValue] = [
                "path": "/apiStats/api/user-stats",
                "method": "POST",
                "body": ["apiId": "key-123"],
                "items": [["name": "Daily cost", "used": "data.limits.used", "limit": "data.limits.daily", "windowMinutes": 1440]],
            ]
            let snapshot = try await adapter.fetch(H.context(H.config(.custom, baseURL: upstream.baseURL, options: options)))
            #expect(snapshot.items == [ProgressItem(name: "Daily cost", usedPercent: 25, remainingPercent: 75, used: 2.5, limit: 10, windowMinutes: 1440)])
            return try #require(upstream.requests.first)
        }
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.bodyText == #"{"apiId":"key-123"}"#)
    }

    @Test(arguments: UpstreamFailure.allCases)
    func failuresMapToProviderErrors(_ failure: UpstreamFailure) async throws {
        let secret = "relay-secret-77"
        try await H.expectMapping(failure, secret: secret, path: "/api/user/self", adapter: adapter) { upstream in
            H.config(.custom, credentials: .apiKey(secret), baseURL: upstream.baseURL, options: CustomParsingTests.newAPIOptions)
        }
    }

    @Test func headerSecretsAreRedactedFromUpstreamBodies() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", "/api/user/self", .serverError("bad token adm-0011223344 for user"))
            var options = CustomParsingTests.newAPIOptions
            options["headers"] = ["Authorization": "Token adm-0011223344"]
            return await H.fetchError(adapter, H.config(.custom, baseURL: upstream.baseURL, options: options))
        }
        #expect(error == .upstreamStatus(status: 500, bodyPrefix: "bad token [redacted] for user"))
    }

    @Test func errorInA200IsAnUpstreamError() async throws {
        let error = try await H.withUpstream { upstream in
            upstream.route("GET", "/api/user/self", .json(try H.data("custom/newapi-error.json")))
            return await H.fetchError(adapter, H.config(.custom, credentials: .apiKey("k-123456789"), baseURL: upstream.baseURL,
                                                        options: CustomParsingTests.newAPIOptions))
        }
        #expect(error == .upstreamError("Upstream reported an error at message: 无权进行此操作，access token 无效"))
    }
}
