import AIMeterAPI
import AIMeterConfig
import AIMeterCore
import AIMeterSecurity
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func statusReportsPasswordAndSession() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let anonymous = try await client.send(.get, "/api/auth/normal/status")
            #expect(
                anonymous.text
                    == #"{"success":true,"data":{"role":"normal","needsSetup":false,"bootstrapRequired":false,"authenticated":false,"authEnabled":true,"authMutable":true}}"#
            )
            let cookie = try await client.login(.normal)
            let signedIn = try await client.send(.get, "/api/auth/normal/status", cookie: cookie)
            #expect(signedIn.json["data"]?["authenticated"]?.boolValue == true)
            let otherRole = try await client.send(.get, "/api/auth/admin/status", cookie: cookie)
            #expect(otherRole.json["data"]?["authenticated"]?.boolValue == false)
        }
    }

    @Test func statusWithoutPasswordNeedsSetupAndConfiguredHashIsImmutable() async throws {
        let env = try TestEnvironment(settings: false)
        var config = AppConfig()
        config.auth.adminPasswordHash = TestEnvironment.fastHash(TestEnvironment.adminPassword)
        try await env.test(env.services(config: config)) { client in
            let normal = try await client.send(.get, "/api/auth/normal/status").json["data"]
            #expect(normal?["needsSetup"]?.boolValue == true)
            #expect(normal?["authEnabled"]?.boolValue == false)
            #expect(normal?["authMutable"]?.boolValue == true)
            let admin = try await client.send(.get, "/api/auth/admin/status").json["data"]
            #expect(admin?["authEnabled"]?.boolValue == true)
            #expect(admin?["authMutable"]?.boolValue == false)
        }
    }

    @Test func unknownRoleIs404() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            for uri in ["/api/auth/Admin/status", "/api/auth/root/verify", "/api/auth/x/logout", "/api/auth/y/setup"] {
                let method: HTTPRequest.Method = uri.hasSuffix("status") ? .get : .post
                let response = try await client.send(method, uri, json: ["password": "whatever-123456"])
                #expect(response.status == .notFound)
                #expect(response.json["error"]?["message"]?.stringValue == "Unknown auth role")
            }
        }
    }

    @Test func verifySetsAIMetersCookie() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let response = try await client.send(
                .post, "/api/auth/admin/verify", json: ["password": .string(TestEnvironment.adminPassword)])
            #expect(response.text == #"{"success":true,"data":{"valid":true}}"#)
            #expect(response.header("Cache-Control") == "no-store")
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("aimeter_admin_session="))
            #expect(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Strict; Max-Age=14400"))
            let token = String(cookie.split(separator: ";")[0].dropFirst("aimeter_admin_session=".count))
            let hash = try #require(try env.reader.setting(.adminPasswordHash))
            #expect(SessionToken.isValid(token, secret: TestEnvironment.sessionSecret, passwordHash: hash, now: env.currentTime))
        }
    }

    @Test func cookieIsSecureUnderHTTPSAndTTLFollowsConfig() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.server.protocol = .https
        config.auth.sessionTtlSeconds = 600
        try await env.test(env.services(config: config)) { client in
            let response = try await client.send(
                .post, "/api/auth/normal/verify", json: ["password": .string(TestEnvironment.normalPassword)])
            #expect(response.headers[.setCookie]?.hasSuffix("; Max-Age=600; Secure") == true)
            let logout = try await client.send(.post, "/api/auth/normal/logout")
            #expect(logout.headers[.setCookie] == "aimeter_normal_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure")
        }
    }

    @Test func verifyFailuresAndMissingPassword() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let wrong = try await client.send(.post, "/api/auth/normal/verify", json: ["password": "wrong-password-1"])
            #expect(wrong.text == #"{"success":true,"data":{"valid":false}}"#)
            #expect(wrong.headers[.setCookie] == nil)
            let empty = try await client.send(.post, "/api/auth/normal/verify", json: ["password": ""])
            #expect(empty.status == .badRequest)
            #expect(empty.text == #"{"success":false,"error":{"code":"INVALID_REQUEST","message":"Password is required"}}"#)
            let none = try await client.send(.post, "/api/auth/normal/verify")
            #expect(none.errorCode == "INVALID_REQUEST")
        }
    }

    @Test func verifyWithoutStoredHashIsInvalidButNotAFailure() async throws {
        let env = try TestEnvironment(settings: false)
        var config = AppConfig()
        config.auth.rateLimit = RateLimitConfig(windowMs: 60000, maxAttempts: 1, blockMs: 300_000)
        try await env.test(env.services(config: config)) { client in
            for _ in 0..<3 {
                let response = try await client.send(.post, "/api/auth/normal/verify", json: ["password": "anything-12345"])
                #expect(response.status == .ok)
                #expect(response.json["data"]?["valid"]?.boolValue == false)
            }
        }
    }

    @Test func rateLimiterBlocksAfterMaxAttemptsAndSuccessClearsIt() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            // Default limits: 5 failures in 60 s start a 300 s block.
            for _ in 0..<4 {
                _ = try await client.send(.post, "/api/auth/admin/verify", json: ["password": "wrong-password-1"])
            }
            _ = try await client.login(.normal)  // success forgets the client
            for attempt in 1...5 {
                let response = try await client.send(.post, "/api/auth/admin/verify", json: ["password": "wrong-password-1"])
                #expect(response.status == .ok, "attempt \(attempt)")
            }
            let blocked = try await client.send(
                .post, "/api/auth/normal/verify", json: ["password": .string(TestEnvironment.normalPassword)])
            #expect(blocked.status == .tooManyRequests)
            #expect(
                blocked.text
                    == #"{"success":false,"error":{"code":"TOO_MANY_ATTEMPTS","message":"Too many failed login attempts. Retry in 300s"}}"#
            )
            env.advance(seconds: 299.5)
            let stillBlocked = try await client.send(.post, "/api/auth/normal/verify", json: ["password": "x"])
            #expect(stillBlocked.json["error"]?["message"]?.stringValue == "Too many failed login attempts. Retry in 1s")
            env.advance(seconds: 1)
            _ = try await client.login(.normal)
        }
    }

    @Test func roleHeaderPicksAmongTwoValidCookiesAndNormalWinsOtherwise() async throws {
        let env = try TestEnvironment(providers: [SampleData.claude])
        try await env.test { client in
            let normal = try await client.login(.normal)
            let admin = try await client.login(.admin)
            let both = "\(normal); \(admin)"
            let asNormal = try await client.send(.get, "/api/system/capabilities", cookie: both)
            #expect(asNormal.json["data"]?["viewerRole"]?.stringValue == "normal")
            let asAdmin = try await client.send(
                .get, "/api/system/capabilities", cookie: both, headers: ["x-aimeter-role": "admin"])
            #expect(asAdmin.json["data"]?["viewerRole"]?.stringValue == "admin")
            // Both cookies without the header: normal wins, so admin routes answer 403.
            #expect(try await client.send(.get, "/api/system/secrets", cookie: both).status == .forbidden)
            #expect(
                try await client.send(.get, "/api/system/secrets", cookie: both, headers: ["x-aimeter-role": "admin"]).status
                    == .ok)
            // A header naming a role without a valid cookie falls back to the normal-first order.
            let fallback = try await client.send(
                .get, "/api/system/capabilities", cookie: normal, headers: ["x-aimeter-role": "admin"])
            #expect(fallback.json["data"]?["viewerRole"]?.stringValue == "normal")
        }
    }

    @Test func passwordHashChangeInvalidatesTokensAndExpiryEndsThem() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let cookie = try await client.login(.normal)
            #expect(try await client.send(.post, "/api/proxy/latest", cookie: cookie).status == .ok)
            try env.writer.setSetting(.normalPasswordHash, to: TestEnvironment.fastHash("another-password-9"), at: env.currentTime)
            #expect(try await client.send(.post, "/api/proxy/latest", cookie: cookie).status == .unauthorized)

            let fresh = try await client.login(.normal, password: "another-password-9")
            env.advance(seconds: 14401)
            #expect(try await client.send(.post, "/api/proxy/latest", cookie: fresh).status == .unauthorized)
        }
    }

    @Test func configuredHashWinsOverStoredHash() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.auth.normalPasswordHash = TestEnvironment.fastHash("configured-password-1")
        try await env.test(env.services(config: config)) { client in
            let stored = try await client.send(
                .post, "/api/auth/normal/verify", json: ["password": .string(TestEnvironment.normalPassword)])
            #expect(stored.json["data"]?["valid"]?.boolValue == false)
            _ = try await client.login(.normal, password: "configured-password-1")
        }
    }

    @Test func missingSessionSecretIs503() async throws {
        let env = try TestEnvironment(settings: false)
        try env.writer.setSetting(.normalPasswordHash, to: TestEnvironment.fastHash("normal-password-1"), at: TestEnvironment.now)
        try await env.test { client in
            let response = try await client.send(.post, "/api/auth/normal/verify", json: ["password": "normal-password-1"])
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "SESSION_SECRET_NOT_CONFIGURED")
        }
    }

    @Test func bootstrapSetupAndAuditLogsAreDisabled() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let bootstrap = try await client.send(.post, "/api/auth/bootstrap", json: [:])
            #expect(bootstrap.status == .gone)
            #expect(bootstrap.errorCode == "BOOTSTRAP_DISABLED")
            #expect(bootstrap.json["error"]?["message"]?.stringValue?.contains("aimeter passwd") == true)
            let setup = try await client.send(.post, "/api/auth/admin/setup", json: ["password": "abcdefghijk1"])
            #expect(setup.status == .conflict)
            #expect(setup.errorCode == "SETUP_DISABLED")
            #expect(try await client.send(.get, "/api/auth/admin/audit-logs").status == .unauthorized)
            let admin = try await client.login(.admin)
            let logs = try await client.send(.get, "/api/auth/admin/audit-logs", cookie: admin)
            #expect(logs.status == .gone)
            #expect(logs.errorCode == "AUDIT_LOG_DISABLED")
        }
    }
}
