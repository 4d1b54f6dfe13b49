import AIMeterCore
import Foundation
import Testing

/// A fixed-seed fuzz run against the real `aimeter-api` (no collector): hostile methods, paths,
/// query values, headers and bodies on every registered route. `bench/fuzz.sh` is the long run.
@Suite(.serialized, .enabled(if: DaemonBinaries.exist, "build the executables first (swift build)"))
struct APIFuzzTests {
    /// The fixed seed of the test run; `AIMETER_FUZZ_SEED` replaces it for longer runs (`bench/fuzz.sh`).
    static let seed = environment("AIMETER_FUZZ_SEED").flatMap { UInt64($0) } ?? 0x0A1E_7E20_2611_2308
    /// Requests per run; `AIMETER_FUZZ_REQUESTS` replaces it.
    static let requestCount = environment("AIMETER_FUZZ_REQUESTS").flatMap { Int($0) } ?? 1500

    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Test func fixedSeedFuzzGetsNoServerErrorAndOnlyDocumentedErrors() async throws {
        let writeRoutes = try await CollectorRouteProbe.writeRoutes()
        let deployment = try await ReliabilityDeployment.start(providers: SampleData.all, withCollector: false)
        do {
            try deployment.env.store(SampleData.claudeItems, cost: SampleData.claudeCost, plan: "Max", for: SampleData.claude.id)
            try deployment.env.store(SampleData.minimaxItems, for: SampleData.minimax.id)
            // Log in before the fuzz: its wrong passwords make the rate limiter block this address.
            let admin = try deployment.login(.admin)
            let normal = try deployment.login(.normal)
            let catalog = RouteCatalog(deployment.env.services())
            let oracle = FuzzOracle(catalog: catalog, spec: try OpenAPIDocument.load(), writeRoutes: writeRoutes)
            var generator = FuzzRequestGenerator(
                seed: Self.seed, catalog: catalog, cookies: [admin, normal], providerIds: SampleData.all.map(\.id))
            var failures: [String] = []
            var statuses: [Int: Int] = [:]
            for index in 0..<Self.requestCount {
                let request = generator.next()
                let response = try RawHTTP.exchange(port: deployment.port, request.bytes, isHead: request.method == "HEAD")
                statuses[response?.status ?? 0, default: 0] += 1
                if let problem = oracle.problem(request, response) {
                    failures.append("#\(index) \(request.summary)\n    -> \(problem)")
                }
            }
            #expect(
                failures.isEmpty,
                "seed \(Self.seed): \(failures.count) bad answers (statuses \(statuses)):\n\(failures.prefix(25).joined(separator: "\n"))")
            // The fuzz reached the handlers, not only the router's 404/405.
            #expect((statuses[200] ?? 0) > Self.requestCount / 20, "\(statuses)")
            #expect(deployment.api.process.isRunning)
            #expect(try deployment.send("GET", "/api/health")?.status == 200)
            let latest = try deployment.send("GET", "/api/proxy/latest", headers: [("Cookie", normal)])
            #expect(latest?.json["data"]?[0]?["progress"]?[0]?["usedPercent"]?.doubleValue == 45.5)
        } catch {
            _ = await deployment.stop()
            throw error
        }
        let status = await deployment.stop()
        #expect(status == 0)
        #expect(!deployment.api.log.contains("Unhandled error"), "\(deployment.api.log.suffix(3000))")
    }

    /// Requests that are not valid HTTP/1.1 are refused (a bare 400 from the HTTP layer, or the
    /// connection closed); a broken chunked body and a body that lies about its length get the
    /// JSON 400 and 413; the server keeps serving.
    @Test func invalidHTTPIsRefusedAndTheServerKeepsServing() async throws {
        let deployment = try await ReliabilityDeployment.start(providers: SampleData.all, withCollector: false)
        do {
            let cookie = "Cookie: a=" + String(repeating: "A", count: 100 * 1024)
            let refused: [(String, String)] = [
                ("control character in a header", "GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: \u{7F}\r\n\r\n"),
                ("100 KiB cookie", "GET /api/health HTTP/1.1\r\nHost: x\r\n\(cookie)\r\n\r\n"),
                ("no request line", "HELLO\r\n\r\n"),
                ("unknown HTTP version", "GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n"),
                ("negative length", "POST /api/auth/normal/verify HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
                ("overflowing length", "POST /api/auth/normal/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
                ("NUL in the path", "GET /api/\u{0}health HTTP/1.1\r\nHost: x\r\n\r\n"),
            ]
            for (name, text) in refused {
                let response = try RawHTTP.exchange(port: deployment.port, Array(text.utf8))
                #expect(response == nil || (response?.status == 400 && response?.body.isEmpty == true), "\(name): \(response?.status ?? 0)")
            }
            // A body whose chunked framing breaks is the client's fault (it was a 500).
            let chunked =
                "POST /api/auth/normal/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
            let broken = try #require(try RawHTTP.exchange(port: deployment.port, Array(chunked.utf8)))
            #expect(broken.status == 400)
            #expect(broken.json["error"]?["code"]?.stringValue == "INVALID_REQUEST", "\(broken.text)")
            #expect(ErrorEnvelope.problem(broken) == nil)
            // A declared length over 1 MiB is answered before any of the body arrives.
            let liar =
                "POST /api/auth/normal/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{}"
            let tooLarge = try #require(try RawHTTP.exchange(port: deployment.port, Array(liar.utf8)))
            #expect(tooLarge.status == 413)
            #expect(ErrorEnvelope.problem(tooLarge) == nil)
            #expect(try deployment.send("GET", "/api/health")?.status == 200)
        } catch {
            _ = await deployment.stop()
            throw error
        }
        let status = await deployment.stop()
        #expect(status == 0)
    }
}
