import AIMeterCore
import AIMeterHTTP
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Ollama over HTTP")
struct OllamaHTTPTests {
    typealias H = AgentWindowsHarness

    static func fetch(_ upstream: MockUpstream) async throws -> UsageSnapshot {
        try await OllamaAdapter().fetch(H.context(.ollama, credentials: .cookie("  aid=a1; __Secure-session=s2 "), baseURL: upstream.baseURL))
    }

    @Test func scrapesTheSettingsPageWithTheSessionCookie() async throws {
        try await H.withUpstream { upstream in
            upstream.route("GET", "/settings", .text(try H.text("ollama/settings.html"), contentType: "text/html"))

            let snapshot = try await Self.fetch(upstream)

            let request = try #require(upstream.requests.first)
            #expect(upstream.requests.count == 1)
            #expect(request.header("Cookie") == "aid=a1; __Secure-session=s2")
            #expect(request.header("Accept") == "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            #expect(request.header("Accept-Language") == "en-US,en;q=0.9")
            #expect(request.header("User-Agent") == OllamaAdapter.userAgent)
            #expect(request.header("Origin") == upstream.baseURL)
            #expect(request.header("Referer") == upstream.baseURL + "/settings")
            #expect(snapshot.items.map(\.name) == ["Session", "Weekly"])
            #expect(snapshot.identity?.plan == "Pro")
        }
    }

    @Test func failuresAreTyped() async throws {
        try await H.withUpstream { upstream in
            let expired = ProviderError.authRequired("Invalid or expired Ollama session")
            let cases: [(MockResponse, (ProviderError?) -> Bool)] = [
                (.unauthorized(), { $0 == expired }),
                (.forbidden(), { $0 == expired }),
                (.redirect(to: "/signin?redirect_uri=%2Fsettings"), { $0 == expired }),
                (.text(try H.text("ollama/settings.signed-out.html"), contentType: "text/html"), { $0 == expired }),
                (.rateLimited(retryAfter: "45"), { $0?.retryAfter == 45 }),
                (.serverError("upstream down"), { $0 == .upstreamStatus(status: 500, bodyPrefix: "upstream down") }),
                (.redirect(to: "/maintenance"), { $0 == .upstreamStatus(status: 302, bodyPrefix: "") }),
                (.oversized(bytes: H.maxResponseBytes + 1), { $0 == .responseTooLarge(limitBytes: H.maxResponseBytes) }),
            ]
            for (response, check) in cases {
                upstream.route("GET", "/settings", response)
                let error = await H.providerError { try await Self.fetch(upstream) }
                #expect(check(error), "unexpected \(String(describing: error))")
            }
        }
    }
}
