import AIMeterConfig
import AIMeterCore
import AIMeterHTTP
import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

@testable import AIMeterCollector

/// A rotated OAuth credential is stored (encrypted, committed) before the adapter uses it, the
/// stored copy wins over the config copy while it descends from it, and an operator's new
/// config credential wins over older stored copies.
@Suite struct TokenRotationTests {
    /// An adapter shaped like the real OAuth ones: refresh when expired, persist, then use.
    static func oauthBehaviour(origin: String) -> FetchBehaviour {
        { context in
            guard var tokens = context.credentials?.oauthTokens else { throw ProviderError.authRequired("no tokens") }
            if let expiresAt = tokens.expiresAt, expiresAt <= context.now() {
                let body = "grant_type=refresh_token&refresh_token=\(tokens.refreshToken ?? "")"
                let response = try await context.http.send(
                    HTTPRequest(method: "POST", url: origin + "/oauth/token", body: Data(body.utf8)))
                guard response.isSuccess else { throw ProviderError.authRequired("refresh refused") }
                let json = try JSONValue.parse(response.body)
                tokens.accessToken = json["access_token"]?.stringValue ?? ""
                tokens.refreshToken = json["refresh_token"]?.stringValue
                tokens.expiresAt = context.now().addingTimeInterval(json["expires_in"]?.doubleValue ?? 0)
                try await context.persistCredentials(.oauth(tokens))
            }
            let usage = try await context.http.send(
                HTTPRequest(url: origin + "/usage", headers: [("Authorization", "Bearer \(tokens.accessToken)")]))
            guard usage.status != 401 else { throw ProviderError.authRequired("token expired") }
            return ScriptedAdapters.snapshot(used: 50, at: context.now())
        }
    }

    @Test func rotatedTokensArePersistedBeforeUseAndWinOverTheConfigCopy() async throws {
        let upstream = try await MockUpstream.start()
        let expired = Date(timeIntervalSince1970: 1_000_000_000)
        let configured = Credentials.oauth(OAuthTokens(accessToken: "access-0", refreshToken: "refresh-0", expiresAt: expired))
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("o", type: .claude, credentials: configured)])
        let issued = Mutex(0)
        upstream.route("POST", "/oauth/token") { request in
            let next = issued.withLock { count -> Int in
                count += 1
                return count
            }
            #expect(request.formFields["refresh_token"] == "refresh-\(next - 1)" || request.formFields["refresh_token"] == "refresh-operator")
            return .json(#"{"access_token":"access-\#(next)","refresh_token":"refresh-\#(next)","expires_in":3600}"#)
        }
        // The usage endpoint checks, at the moment the new token arrives, that it is already stored.
        let sawStoredToken = Mutex<[String]>([])
        let store = harness.store
        upstream.route("GET", "/usage") { request in
            let presented = request.header("Authorization")?.replacingOccurrences(of: "Bearer ", with: "")
            let stored = (try? store.retainedCredentials(providerId: "o"))?.credentials.oauthTokens?.accessToken
            sawStoredToken.withLock { $0.append("\(presented ?? "-")=\(stored ?? "-")") }
            return .json(#"{"ok":true}"#)
        }
        harness.adapters.set("o", Self.oauthBehaviour(origin: upstream.baseURL))

        #expect(try await harness.poll("o").snapshot != nil)
        let firstCopy = try #require(try harness.store.retainedCredentials(providerId: "o"))
        #expect(firstCopy.credentials.oauthTokens?.refreshToken == "refresh-1")
        #expect(firstCopy.sourceFingerprint == harness.store.fingerprint(of: configured))

        // An hour later the rotated token has expired: the stored copy (refresh-1) is used, not the config's refresh-0.
        harness.clock.advance(by: 3700)
        #expect(try await harness.poll("o").snapshot != nil)
        #expect(try harness.store.retainedCredentials(providerId: "o")?.credentials.oauthTokens?.refreshToken == "refresh-2")
        #expect(upstream.requests(to: "/oauth/token").map { $0.formFields["refresh_token"] } == ["refresh-0", "refresh-1"])
        let seen = sawStoredToken.withLock { $0 }
        #expect(seen == ["access-1=access-1", "access-2=access-2"])

        // The operator pastes a new credential into the config: it wins over the stored copy.
        var config = harness.runtime.config
        let pasted = Credentials.oauth(OAuthTokens(accessToken: "access-operator", refreshToken: "refresh-operator", expiresAt: expired))
        config.providers[0].credentials = pasted
        try await harness.runtime.apply(config)
        #expect(try await harness.poll("o").snapshot != nil)
        #expect(upstream.requests(to: "/oauth/token").last?.formFields["refresh_token"] == "refresh-operator")
        let newest = try #require(try harness.store.retainedCredentials(providerId: "o"))
        #expect(newest.credentials.oauthTokens?.accessToken == "access-3")
        #expect(newest.sourceFingerprint == harness.store.fingerprint(of: pasted))
        await upstream.stop()
    }

    @Test func unchangedCredentialsAreNotWrittenToTheDatabase() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("k", credentials: .apiKey("sk-test"))])
        let seen = Mutex<String?>(nil)
        harness.adapters.set("k") { context in
            seen.withLock { $0 = context.credentials?.secretValue }
            return ScriptedAdapters.snapshot(used: 1, at: context.now())
        }
        _ = try await harness.poll("k")
        #expect(seen.withLock { $0 } == "sk-test")
        #expect(try harness.store.retainedCredentials(providerId: "k") == nil)
    }
}
