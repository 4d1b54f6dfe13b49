import AIMeterHTTP
import AIMeterTestSupport
import Foundation
import Testing

@Suite("MockUpstream routing and recording")
struct HTTPMockUpstreamTests {
    let client = CurlHTTPClient()

    @Test func queryRoutesWinAndLaterRoutesReplaceEarlierOnes() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/api/usage", .json(#"{"which":"any"}"#))
        upstream.route("GET", "/api/usage", query: ["user": "u1"], .json(#"{"which":"u1"}"#))

        let any = try await client.send(HTTPRequest(url: upstream.baseURL + "/api/usage?user=u2"))
        let matched = try await client.send(HTTPRequest(url: upstream.baseURL + "/api/usage?user=u1&x=y"))
        upstream.route("GET", "/api/usage", query: ["user": "u1"], .status(204))
        let replaced = try await client.send(HTTPRequest(url: upstream.baseURL + "/api/usage?user=u1"))

        #expect(any.text == #"{"which":"any"}"#)
        #expect(matched.text == #"{"which":"u1"}"#)
        #expect(replaced.status == 204)
    }

    @Test func sequenceRoutesRepeatTheirLastAnswer() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/flaky", sequence: [.serverError(), .json("{}")])

        var statuses: [Int] = []
        for _ in 0..<3 {
            statuses.append(try await client.send(HTTPRequest(url: upstream.baseURL + "/flaky")).status)
        }

        #expect(statuses == [500, 200, 200])
    }

    @Test func cannedRateLimitCarriesRetryAfter() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/limited", .rateLimited(retryAfter: "17"))
        upstream.route("GET", "/bad", .malformedJSON())

        let limited = try await client.send(HTTPRequest(url: upstream.baseURL + "/limited"))
        let bad = try await client.send(HTTPRequest(url: upstream.baseURL + "/bad"))

        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "17")
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: bad.body) }
    }

    @Test func removingRoutesAndClearingRequests() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/a", .json("{}"))
        _ = try await client.send(HTTPRequest(url: upstream.baseURL + "/a"))
        upstream.removeAllRoutes()
        let after = try await client.send(HTTPRequest(url: upstream.baseURL + "/a"))

        #expect(after.status == 404)
        #expect(upstream.requests(to: "/a").count == 2)
        upstream.clearRequests()
        #expect(upstream.requests.isEmpty)
    }

    @Test func gzipEncoderMatchesKnownCRC() {
        // CRC-32 of "123456789" is the standard check value 0xCBF43926.
        let encoded = GzipEncoder.encode(Data("123456789".utf8))
        #expect(Array(encoded.suffix(8)) == [0x26, 0x39, 0xf4, 0xcb, 9, 0, 0, 0])
    }
}
