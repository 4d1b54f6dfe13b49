import AIMeterTestSupport
import Foundation
import Synchronization

/// The upstreams of the faults test: one ``MockUpstream`` serving every HTTP-level fault under
/// its own path prefix, plus ``FaultyUpstream`` servers for what HTTP cannot express. Every
/// provider is a z.ai entry (API key, one GET per poll, no retries) whose `baseUrl` points at
/// its fault, so each failure reaches the collector exactly as a real adapter reports it.
final class FaultLineup: Sendable {
    /// One configured provider and the fetch-state error code its fault must leave behind
    /// (nil: a healthy provider, which must store a snapshot).
    struct Entry {
        var id: String
        var baseURL: String
        var expectedCode: String?
    }

    /// `Retry-After` of the rate-limited provider: longer than any backoff of a 1-minute interval.
    static let retryAfterSeconds = 7200
    /// Size of both oversized bodies: five times the HTTP client's 10 MiB cap.
    static let hugeBodyBytes = 50 * 1024 * 1024
    static let quotaPath = "/api/monitor/usage/quota/limit"
    static let healthyBody = #"""
        {"code":200,"msg":"ok","success":true,"data":{"planName":"Faults","limits":[
        {"type":"TOKENS_LIMIT","unit":3,"number":5,"percentage":37,"nextResetTime":4102444800000}]}}
        """#

    let mock: MockUpstream
    let silent: FaultyUpstream
    let reset: FaultyUpstream
    let flood: FaultyUpstream
    let entries: [Entry]
    private let log: ArrivalLog

    /// Starts every upstream. `healthy` providers answer at once; the rest fail in their own way.
    init(healthy: Int, storm: Int, silentCount: Int, dripCount: Int) async throws {
        let mock = try await MockUpstream.start()
        let log = ArrivalLog()
        var entries: [Entry] = []
        func add(_ id: String, prefix: String, code: String?, _ response: MockResponse) {
            entries.append(Entry(id: id, baseURL: mock.baseURL + "/" + prefix, expectedCode: code))
            mock.route("GET", "/\(prefix)" + Self.quotaPath) { _ in
                log.record(prefix)
                return response
            }
        }
        for index in 1...healthy {
            add("healthy-\(index)", prefix: "healthy-\(index)", code: nil, .json(Self.healthyBody))
        }
        for index in 1...storm {
            add("storm-\(index)", prefix: "storm-\(index)", code: "UPSTREAM_STATUS", .text("upstream overloaded", status: 503))
        }
        add("limited", prefix: "limited", code: "RATE_LIMITED", .rateLimited(retryAfter: "\(Self.retryAfterSeconds)"))
        add("malformed", prefix: "malformed", code: "DECODING_ERROR", .malformedJSON())
        add("huge-declared", prefix: "huge-declared", code: "RESPONSE_TOO_LARGE", .oversized(bytes: Self.hugeBodyBytes))
        for index in 1...dripCount {
            // 200 bytes, one every 250 ms: 50 s, far beyond the request timeout.
            add(
                "drip-\(index)", prefix: "drip-\(index)", code: "TIMEOUT",
                .slowBody(String(repeating: " ", count: 200), chunkBytes: 1, interval: .milliseconds(250)))
        }
        silent = try FaultyUpstream.start(.silent)
        reset = try FaultyUpstream.start(.reset)
        flood = try FaultyUpstream.start(.chunkedFlood(bytes: Self.hugeBodyBytes))
        for index in 1...silentCount {
            entries.append(Entry(id: "silent-\(index)", baseURL: silent.baseURL, expectedCode: "TIMEOUT"))
        }
        entries.append(Entry(id: "reset", baseURL: reset.baseURL, expectedCode: "TRANSPORT_ERROR"))
        entries.append(Entry(id: "huge-chunked", baseURL: flood.baseURL, expectedCode: "RESPONSE_TOO_LARGE"))
        self.entries = entries
        self.mock = mock
        self.log = log
    }

    /// When requests for a provider's prefix reached the mock.
    func arrivals(of prefix: String) -> [Date] {
        log.times.withLock { $0[prefix] ?? [] }
    }

    /// The `providers:` section of the collector's configuration (1-minute intervals).
    var providersYAML: String {
        entries.map { entry in
            "  - { id: \(entry.id), provider: zai, refreshInterval: 1, baseUrl: \"\(entry.baseURL)\", "
                + "credentials: { type: api_key, value: key-\(entry.id) } }"
        }.joined(separator: "\n")
    }

    /// Stops every server.
    func stop() async {
        silent.stop()
        reset.stop()
        flood.stop()
        await mock.stop()
    }
}

/// Arrival times of mock requests, by path prefix.
private final class ArrivalLog: Sendable {
    let times = Mutex<[String: [Date]]>([:])

    func record(_ prefix: String) {
        times.withLock { $0[prefix, default: []].append(Date()) }
    }
}
