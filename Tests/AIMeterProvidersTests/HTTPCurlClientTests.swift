import AIMeterHTTP
import AIMeterTestSupport
import Foundation
import Testing

@Suite("CurlHTTPClient against MockUpstream")
struct HTTPCurlClientTests {
    let client = CurlHTTPClient(configuration: .init(defaultTimeoutSeconds: 5, maxConcurrentTransfers: 16))

    @Test func getReturnsStatusHeadersAndBodyAndSendsHeaders() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/v1/thing", .json(#"{"ok":true}"#).adding(header: "X-Trace", "abc"))

        let response = try await client.send(HTTPRequest(
            url: upstream.baseURL + "/v1/thing?user=a%20b&x=1",
            headers: [("Authorization", "Bearer t0k"), ("Accept", "application/json")]
        ))

        #expect(response.status == 200)
        #expect(response.text == #"{"ok":true}"#)
        #expect(response.header("x-trace") == "abc")
        #expect(response.header("content-type") == "application/json")
        let recorded = try #require(upstream.requests.first)
        #expect(recorded.method == "GET")
        #expect(recorded.path == "/v1/thing")
        #expect(recorded.queryItems == ["user": "a b", "x": "1"])
        #expect(recorded.header("authorization") == "Bearer t0k")
        #expect(recorded.header("User-Agent") == CurlHTTPClient.defaultUserAgent)
        #expect(recorded.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(recorded.header("Expect") == nil)
    }

    @Test func postSendsBodyAndKeepsCallersUserAgent() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("POST", "/oauth/token", .json("{}"))

        let response = try await client.send(HTTPRequest(
            method: "POST",
            url: upstream.baseURL + "/oauth/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "claude-cli/2.1.0")],
            body: Data("grant_type=refresh_token&refresh_token=r%2B1".utf8)
        ))

        #expect(response.status == 200)
        let recorded = try #require(upstream.requests.first)
        #expect(recorded.method == "POST")
        #expect(recorded.formFields == ["grant_type": "refresh_token", "refresh_token": "r+1"])
        #expect(recorded.headerValues("User-Agent") == ["claude-cli/2.1.0"])
    }

    @Test func errorStatusesAreReturnedNotThrown() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/boom", .serverError("kaputt"))

        let missing = try await client.send(HTTPRequest(url: upstream.baseURL + "/nowhere"))
        let failed = try await client.send(HTTPRequest(url: upstream.baseURL + "/boom"))

        #expect(missing.status == 404)
        #expect(failed.status == 500)
        #expect(failed.text == "kaputt")
        #expect(upstream.requests.map(\.path) == ["/nowhere", "/boom"])
    }

    @Test func gzipBodyIsDecoded() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        let json = #"{"value":"\#(String(repeating: "z", count: 70_000))"}"#
        upstream.route("GET", "/gz", .gzipJSON(json))

        let response = try await client.send(HTTPRequest(url: upstream.baseURL + "/gz"))

        #expect(response.status == 200)
        #expect(response.text == json)
    }

    @Test func redirectIsNotFollowedUnlessAsked() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/old", .redirect(to: upstream.baseURL + "/new").adding(header: "X-Hop", "first"))
        upstream.route("GET", "/new", .json(#"{"moved":true}"#))

        let plain = try await client.send(HTTPRequest(url: upstream.baseURL + "/old"))
        let followed = try await client.send(HTTPRequest(url: upstream.baseURL + "/old", followRedirects: true))

        #expect(plain.status == 302)
        #expect(plain.header("Location") == upstream.baseURL + "/new")
        #expect(followed.status == 200)
        #expect(followed.text == #"{"moved":true}"#)
        #expect(followed.header("X-Hop") == nil, "only the final response's headers are kept")
        #expect(upstream.requests.map(\.path) == ["/old", "/old", "/new"])
    }

    @Test func slowServerTimesOut() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/slow", MockResponse.json("{}").delayed(by: .seconds(3)))
        upstream.route("GET", "/drip", .slowBody(String(repeating: "a", count: 40), chunkBytes: 2, interval: .milliseconds(100)))

        await #expect(throws: HTTPClientError.timeout(seconds: 0.4)) {
            _ = try await client.send(HTTPRequest(url: upstream.baseURL + "/slow", timeoutSeconds: 0.4))
        }
        await #expect(throws: HTTPClientError.timeout(seconds: 0.5)) {
            _ = try await client.send(HTTPRequest(url: upstream.baseURL + "/drip", timeoutSeconds: 0.5))
        }
    }

    @Test func oversizedBodyIsRejected() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/huge", .oversized())
        upstream.route("GET", "/chunked", .slowBody(String(repeating: "b", count: 5000), chunkBytes: 1000, interval: .milliseconds(1)))
        let small = CurlHTTPClient(configuration: .init(maxResponseBytes: 2000))

        await #expect(throws: HTTPClientError.responseTooLarge(limitBytes: 10 * 1024 * 1024)) {
            _ = try await client.send(HTTPRequest(url: upstream.baseURL + "/huge"))
        }
        // Chunked: no Content-Length, so the write callback has to stop it.
        await #expect(throws: HTTPClientError.responseTooLarge(limitBytes: 2000)) {
            _ = try await small.send(HTTPRequest(url: upstream.baseURL + "/chunked"))
        }
    }

    @Test func refusedConnectionIsATransportError() async throws {
        let upstream = try await MockUpstream.start()
        let deadURL = upstream.baseURL + "/gone"
        await upstream.stop()

        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: deadURL))
        }
        guard case .transport(let message)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(!message.isEmpty)
    }

    @Test func unusableURLsAreInvalid() async throws {
        await #expect(throws: HTTPClientError.invalidURL("ftp://example.invalid/file")) {
            _ = try await client.send(HTTPRequest(url: "ftp://example.invalid/file?token=secret"))
        }
        await #expect(throws: HTTPClientError.invalidURL("not a url")) {
            _ = try await client.send(HTTPRequest(url: "not a url"))
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/hang", MockResponse.json("{}").delayed(by: .seconds(30)))

        let task = Task { try await client.send(HTTPRequest(url: upstream.baseURL + "/hang", timeoutSeconds: 60)) }
        while upstream.requests.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()

        await #expect(throws: HTTPClientError.cancelled) { _ = try await task.value }
    }

    @Test func alreadyCancelledTaskDoesNotSend() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/x", .json("{}"))

        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: upstream.baseURL + "/x"))
        }

        await #expect(throws: HTTPClientError.cancelled) { _ = try await task.value }
        #expect(upstream.requests.isEmpty)
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        let upstream = try await MockUpstream.start()
        defer { Task { await upstream.stop() } }
        upstream.route("GET", "/item") { request in
            MockResponse.json(#"{"n":"\#(request.queryItems["n"] ?? "")"}"#).delayed(by: .milliseconds(50))
        }

        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<200 {
                group.addTask { try await client.send(HTTPRequest(url: upstream.baseURL + "/item?n=\(index)")).text }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }

        #expect(bodies.count == 200)
        #expect(bodies.contains(#"{"n":"199"}"#))
        #expect(upstream.requests.count == 200)
    }
}
