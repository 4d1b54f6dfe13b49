import AIMeterAPI
import AIMeterConfig
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Tests that need a real TCP peer address: the trusted-proxy rule of the rate limiter.
@Suite struct LiveServerTests {
    static func failLogins(_ client: some TestClientProtocol, forwardedFor: String, times: Int) async throws {
        for _ in 0..<times {
            let response = try await client.send(
                .post, "/api/auth/admin/verify", headers: ["X-Forwarded-For": forwardedFor], json: ["password": "wrong-password-1"])
            #expect(response.status == .ok)
        }
    }

    static func attempt(_ client: some TestClientProtocol, forwardedFor: String) async throws -> HTTPResponse.Status {
        try await client.send(
            .post, "/api/auth/admin/verify", headers: ["X-Forwarded-For": forwardedFor], json: ["password": "wrong-password-1"]
        ).status
    }

    @Test func forwardedForFromAnUntrustedPeerCannotDodgeTheLimiter() async throws {
        let env = try TestEnvironment()
        let app = APIServer.buildApplication(env.services())
        try await app.test(.live) { client in
            try await Self.failLogins(client, forwardedFor: "198.51.100.1", times: 5)
            // A new X-Forwarded-For value does not make a new client: the peer is the key.
            #expect(try await Self.attempt(client, forwardedFor: "198.51.100.2") == .tooManyRequests)
        }
    }

    @Test func trustedProxyForwardsTheClientAddress() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.server.trustedProxies = ["127.0.0.0/8", "::1"]
        let ready = Mutex<Int?>(nil)
        let app = APIServer.buildApplication(env.services(config: config)) { port in ready.withLock { $0 = port } }
        try await app.test(.live) { client in
            try await Self.failLogins(client, forwardedFor: "198.51.100.1", times: 5)
            #expect(try await Self.attempt(client, forwardedFor: "198.51.100.1") == .tooManyRequests)
            // Another client behind the same proxy is not blocked.
            #expect(try await Self.attempt(client, forwardedFor: "198.51.100.2") == .ok)
            // Prepending a fake hop does not help: the proxy's own entry is the right-most one.
            #expect(try await Self.attempt(client, forwardedFor: "203.0.113.7, 198.51.100.1") == .tooManyRequests)
        }
        #expect(ready.withLock { $0 } != nil)
    }
}
