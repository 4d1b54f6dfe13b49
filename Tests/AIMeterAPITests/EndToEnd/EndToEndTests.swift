import AIMeterCore
import AIMeterSecurity
import AIMeterTestSupport
import Foundation
import Testing

/// Whether `swift build` produced the two daemons next to the tests.
enum DaemonBinaries {
    static var exist: Bool {
        ["aimeter-collector", "aimeter-api"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: BuiltBinaries.url($0).path)
        }
    }
}

/// The real `aimeter-collector` polling a mock upstream and the real `aimeter-api` serving the
/// result, driven over HTTP like a browser, a script and a cron job would.
@Suite(.serialized, .enabled(if: DaemonBinaries.exist, "build the executables first (swift build)"))
struct EndToEndTests {
    static let normalPassword = "normal-e2e-pass-1"
    static let adminPassword = "admin-e2e-pass-12"
    static let endpointSecret = "5ec7e75ec7e75ec7e75ec7e75ec7e75e"

    /// A running pair of daemons on a temp config.
    struct Deployment {
        let directory: TemporaryDirectory
        let upstream: MockUpstream
        let collector: ChildProcess
        let api: ChildProcess
        let probe: HTTPProbe

        static func start(apiEnvironment: [String: String] = [:]) async throws -> Deployment {
            let directory = try TemporaryDirectory(prefix: "e2e")
            let upstream = try await MockUpstream.start()
            upstream.route("GET", "/api/v1/credits") { request in
                request.header("Authorization")?.contains("bad-key") == true
                    ? .json(#"{"error":{"message":"boom"}}"#, status: 500)
                    : .json(#"{"data":{"total_usage":12.5,"total_credits":50}}"#)
            }
            upstream.route("GET", "/api/v1/key", .json(#"{"data":{"label":"e2e","usage":1,"limit":null}}"#))
            let config = """
                server:
                  host: 127.0.0.1
                  port: \(try FreePort.find())
                database:
                  path: \(directory.path("data/aimeter.db"))
                collector:
                  socket: \(directory.path("c.sock"))
                auth:
                  normalPasswordHash: "\(PasswordHasher.hash(normalPassword, iterations: 1000))"
                  adminPasswordHash: "\(PasswordHasher.hash(adminPassword, iterations: 1000))"
                  endpointSecret: \(endpointSecret)
                providers:
                  - id: or_main
                    provider: openrouter
                    name: Router Main
                    refreshInterval: 5
                    baseUrl: \(upstream.baseURL)
                    credentials: { type: api_key, value: good-key-123 }
                  - id: or_broken
                    provider: openrouter
                    name: Router Broken
                    refreshInterval: 0
                    baseUrl: \(upstream.baseURL)
                    credentials: { type: api_key, value: bad-key-456 }
                  - id: demo_one
                    provider: demo
                    name: Demo
                    refreshInterval: 5
                """
            let configPath = directory.path("config.yaml")
            try config.write(toFile: configPath, atomically: true, encoding: .utf8)
            let collector = try ChildProcess(
                BuiltBinaries.url("aimeter-collector"), ["--config", configPath], logPath: directory.path("collector.log"))
            let api = try ChildProcess(BuiltBinaries.url("aimeter-api"), ["--config", configPath], logPath: directory.path("api.log"),
                environment: apiEnvironment)
            let log = try await api.waitForLog(containing: "listening on 127.0.0.1:")
            let port = log.components(separatedBy: "listening on 127.0.0.1:")[1].prefix { $0.isNumber }
            return Deployment(
                directory: directory, upstream: upstream, collector: collector, api: api,
                probe: HTTPProbe(base: "http://127.0.0.1:\(port)"))
        }

        func stop() async -> (api: Int32, collector: Int32) {
            let apiStatus = await api.stop()
            let collectorStatus = await collector.stop()
            await upstream.stop()
            return (apiStatus, collectorStatus)
        }

        func login(_ role: String, _ password: String) async throws -> String {
            let answer = try await probe.send("POST", "/api/auth/\(role)/verify", json: ["password": .string(password)])
            #expect(answer.json["data"]?["valid"]?.boolValue == true)
            return try #require(answer.cookie)
        }
    }

    @Test func loginReadRefreshAndRoles() async throws {
        let deployment = try await Deployment.start()
        let probe = deployment.probe
        do {
            #expect(try await probe.send("GET", "/api/health").json["status"]?.stringValue == "ok")
            let normal = try await deployment.login("normal", Self.normalPassword)
            let admin = try await deployment.login("admin", Self.adminPassword)

            // Wrong roles.
            #expect(try await probe.send("POST", "/api/proxy/latest").status == 401)
            #expect(try await probe.send("POST", "/api/proxy/refresh", cookie: normal).status == 403)
            #expect(try await probe.send("GET", "/api/system/secrets", cookie: normal).status == 403)
            #expect(try await probe.send("POST", "/api/providers/or_main/refresh", cookie: normal).status == 403)
            #expect(try await probe.send("GET", "/api/endpoint/subscriptions").status == 401)
            #expect(try await probe.send("POST", "/api/system/jobs/refresh", cookie: admin).status == 401)

            // Refresh everything through the collector's socket.
            let refreshed = try await probe.send("POST", "/api/proxy/refresh", cookie: admin)
            #expect(refreshed.status == 200, "\(refreshed.body)")
            let records = try #require(refreshed.json["data"]?.arrayValue)
            #expect(records.map { $0["id"]?.stringValue } == ["or_main", "or_broken", "demo_one"])
            #expect(records[0]["progress"]?[0]?["name"]?.stringValue == "Total Credits")
            #expect(records[1]["code"]?.stringValue == "API_ERROR")
            #expect(records[2]["progress"]?.arrayValue?.isEmpty == false)

            // The reads see what the collector stored.
            let latest = try await probe.send("POST", "/api/proxy/latest", cookie: normal)
            let latestRecords = try #require(latest.json["data"]?.arrayValue)
            #expect(latestRecords[0]["progress"]?[0]?["usedPercent"]?.doubleValue == 25)
            #expect(latestRecords[1]["code"]?.stringValue == "UNKNOWN")
            let single = try await probe.send("POST", "/api/providers/demo_one/refresh", cookie: admin)
            #expect(single.status == 200)
            #expect(single.json["data"]?["fromCache"]?.boolValue == true)
            let broken = try await probe.send("POST", "/api/providers/or_broken/refresh", cookie: admin)
            #expect(broken.status == 503)
            #expect(broken.errorCode == "TEMPORARILY_UNAVAILABLE")

            let ready = try await probe.send("GET", "/api/ready")
            #expect(ready.json["collector"]?["reachable"]?.boolValue == true)
            let metrics = try await probe.send("GET", "/metrics", headers: ["x-aimeter-endpoint-secret": Self.endpointSecret])
            #expect(metrics.body.contains(#"aimeter_quota_used_percent{provider="openrouter",id="or_main""#))
        } catch {
            _ = await deployment.stop()
            throw error
        }
        let statuses = await deployment.stop()
        #expect(statuses.api == 0, "api log:\n\(deployment.api.log)")
        #expect(!deployment.api.log.contains(Self.endpointSecret))
        #expect(!deployment.api.log.contains("aimeter_admin_session="))
    }

    @Test func seedExamplesWorkAsWritten() async throws {
        let deployment = try await Deployment.start()
        do {
            let admin = try await deployment.login("admin", Self.adminPassword)
            #expect(try await deployment.probe.send("POST", "/api/proxy/refresh", cookie: admin).status == 200)
            let examples = SeedExamples(
                base: deployment.probe.base, secret: Self.endpointSecret, normalPassword: Self.normalPassword,
                directory: deployment.directory)
            try examples.runCurlExamples()
            try examples.runPythonExamples()
            try examples.runNodeExamples()
        } catch {
            _ = await deployment.stop()
            throw error
        }
        _ = await deployment.stop()
    }

    @Test func apiTellsSystemdWhenItIsReady() async throws {
        let directory = try TemporaryDirectory(prefix: "ntf")
        let listener = try NotifyListener(path: directory.path("notify"))
        let deployment = try await Deployment.start(apiEnvironment: ["NOTIFY_SOCKET": listener.path])
        let message = listener.receive(timeout: 10)
        let status = await deployment.stop()
        #expect(message?.hasPrefix("READY=1\nSTATUS=Serving on 127.0.0.1:") == true)
        #expect(listener.receive(timeout: 5) == "STOPPING=1")
        #expect(status.api == 0)
    }
}
