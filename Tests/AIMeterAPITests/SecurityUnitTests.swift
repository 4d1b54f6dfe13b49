import AIMeterAPI
import AIMeterConfig
import Foundation
import Testing

@Suite struct SecurityUnitTests {
    static let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8", "::1"].compactMap(IPNetwork.init))

    @Test func forwardedForIsIgnoredFromUntrustedPeers() {
        #expect(Self.resolver.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"]) == "203.0.113.9")
        #expect(Self.resolver.resolve(peer: nil, forwardedFor: ["1.2.3.4"]) == "unknown")
    }

    @Test func trustedPeerGivesTheRightMostUntrustedHop() {
        // The client may prepend anything; the proxy appends what it saw.
        #expect(Self.resolver.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.7"]) == "198.51.100.7")
        #expect(Self.resolver.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6", "198.51.100.7, 10.1.1.1"]) == "198.51.100.7")
        #expect(Self.resolver.resolve(peer: "::ffff:10.0.0.2", forwardedFor: ["[2001:db8::1]:4711"]) == "2001:db8::1")
        #expect(Self.resolver.resolve(peer: "::1", forwardedFor: ["198.51.100.7:8080"]) == "198.51.100.7")
        #expect(Self.resolver.resolve(peer: "10.0.0.2", forwardedFor: ["10.9.9.9"]) == "10.9.9.9")
        #expect(Self.resolver.resolve(peer: "10.0.0.2", forwardedFor: []) == "10.0.0.2")
    }

    @Test func limiterFollowsAIMetersSemantics() async {
        let limiter = LoginRateLimiter(RateLimitConfig(windowMs: 60000, maxAttempts: 3, blockMs: 20000))
        let start = Date(timeIntervalSince1970: 1000)
        await limiter.recordFailure("a", now: start)
        await limiter.recordFailure("a", now: start.addingTimeInterval(1))
        #expect(await limiter.retryAfter("a", now: start.addingTimeInterval(2)) == nil)
        // The window expired: the count starts over.
        await limiter.recordFailure("a", now: start.addingTimeInterval(62))
        #expect(await limiter.retryAfter("a", now: start.addingTimeInterval(63)) == nil)
        await limiter.recordFailure("a", now: start.addingTimeInterval(63))
        await limiter.recordFailure("a", now: start.addingTimeInterval(64))
        #expect(await limiter.retryAfter("a", now: start.addingTimeInterval(64)) == 20)
        #expect(await limiter.retryAfter("a", now: start.addingTimeInterval(83.5)) == 1)
        #expect(await limiter.retryAfter("b", now: start.addingTimeInterval(64)) == nil)
        #expect(await limiter.retryAfter("a", now: start.addingTimeInterval(84.5)) == nil)
    }

    @Test func limiterAppliesFloorsAndForgetsIdleClients() async {
        let limiter = LoginRateLimiter(RateLimitConfig(windowMs: 1, maxAttempts: 0, blockMs: 1))
        #expect(limiter.window == 10)
        #expect(limiter.maxAttempts == 5)
        #expect(limiter.block == 15)
        let start = Date(timeIntervalSince1970: 0)
        for index in 0..<100 { await limiter.recordFailure("client-\(index)", now: start) }
        #expect(await limiter.trackedCount == 100)
        _ = await limiter.retryAfter("x", now: start.addingTimeInterval(11))
        #expect(await limiter.trackedCount == 0)
    }

    @Test func cookieParsingAndWriting() {
        let cookies = SessionCookies.parse(["a=1; aimeter_admin_session=abc.def%3D; b = \"quoted\" ", "a=2"])
        #expect(cookies["a"] == "1")
        #expect(cookies["aimeter_admin_session"] == "abc.def=")
        #expect(cookies["b"] == "quoted")
        #expect(
            SessionCookies.setCookie(role: .normal, token: "x.y", ttlSeconds: 300, secure: false)
                == "aimeter_normal_session=x.y; Path=/; HttpOnly; SameSite=Strict; Max-Age=300")
        #expect(SessionCookies.effectiveTTL(0) == 43200)
        #expect(SessionCookies.effectiveTTL(60) == 300)
        #expect(SessionCookies.effectiveTTL(14400) == 14400)
    }
}
