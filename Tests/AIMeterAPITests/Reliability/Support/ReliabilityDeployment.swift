import AIMeterAPI
import AIMeterCore
import AIMeterTestSupport
import Foundation

/// The real `aimeter-api` (and, when asked, the real `aimeter-collector`) on a database that the
/// test seeded through ``TestEnvironment``: passwords, secrets and providers are stored in the
/// database ("database mode"), so every write-type route really goes to the collector's socket.
final class ReliabilityDeployment: Sendable {
    /// The seeded database and its directory.
    let env: TestEnvironment
    /// The collector's control socket (it may not exist).
    let socketPath: String
    /// The collector, when one was started.
    let collector: ChildProcess?
    /// The API under test.
    let api: ChildProcess
    /// The API's TCP port on 127.0.0.1.
    let port: Int

    private init(env: TestEnvironment, socketPath: String, collector: ChildProcess?, api: ChildProcess, port: Int) {
        self.env = env
        self.socketPath = socketPath
        self.collector = collector
        self.api = api
        self.port = port
    }

    /// Seeds the database with `providers` (demo providers when a collector runs: they need no
    /// upstream), starts the collector if `withCollector`, then the API, and waits until the API
    /// listens.
    static func start(providers: [ProviderConfig], withCollector: Bool) async throws -> ReliabilityDeployment {
        let env = try TestEnvironment(providers: providers)
        let socketPath = env.directory.appendingPathComponent("c.sock").path
        let configPath = env.directory.appendingPathComponent("config.yaml").path
        try config(env: env, socketPath: socketPath, providers: providers)
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        var collector: ChildProcess?
        if withCollector {
            let started = try ChildProcess(
                BuiltBinaries.url("aimeter-collector"), ["--config", configPath],
                logPath: env.directory.appendingPathComponent("collector.log").path)
            collector = started
            do {
                try await waitForSocket(socketPath, collector: started)
            } catch {
                _ = await started.stop()
                throw error
            }
        }
        let api = try ChildProcess(
            BuiltBinaries.url("aimeter-api"), ["--config", configPath],
            logPath: env.directory.appendingPathComponent("api.log").path)
        let log: String
        do {
            log = try await api.waitForLog(containing: "listening on 127.0.0.1:")
        } catch {
            _ = await api.stop()
            if let collector { _ = await collector.stop() }
            throw error
        }
        let port = Int(log.components(separatedBy: "listening on 127.0.0.1:")[1].prefix { $0.isNumber }) ?? 0
        return ReliabilityDeployment(env: env, socketPath: socketPath, collector: collector, api: api, port: port)
    }

    /// The configuration: no passwords or secrets (they are in the database), the providers as
    /// the database has them.
    static func config(env: TestEnvironment, socketPath: String, providers: [ProviderConfig]) throws -> String {
        var lines = [
            "server:",
            "  host: 127.0.0.1",
            "  port: \(try FreePort.find())",
            "database:",
            "  path: \(env.directory.appendingPathComponent("aimeter.db").path)",
            "collector:",
            "  socket: \(socketPath)",
            "providers:",
        ]
        for provider in providers {
            lines.append(
                "  - { id: \(provider.id), provider: \(provider.type.rawValue), name: \"\(provider.name ?? provider.id)\", "
                    + "refreshInterval: \(provider.refreshIntervalMinutes) }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func waitForSocket(_ path: String, collector: ChildProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: path) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ChildProcessError.logLineMissing("control socket at \(path)", collector.log)
    }

    /// Demo providers (no upstream, no credential) with the given ids and polling intervals in
    /// minutes (0: the collector never polls it by itself).
    static func demoProviders(_ entries: [(id: String, interval: Int)]) -> [ProviderConfig] {
        entries.enumerated().map { index, entry in
            ProviderConfig(
                id: entry.id, type: .demo, name: "Demo \(index + 1)", refreshIntervalMinutes: entry.interval,
                displayOrder: index + 1)
        }
    }

    /// Logs in as `role` and returns the `name=value` cookie pair.
    func login(_ role: Role) throws -> String {
        let password = role == .admin ? TestEnvironment.adminPassword : TestEnvironment.normalPassword
        let answer = try send("POST", "/api/auth/\(role.rawValue)/verify", json: #"{"password":"\#(password)"}"#)
        guard let cookie = answer?.header("set-cookie")?.split(separator: ";").first else {
            throw ChildProcessError.logLineMissing("a session cookie for \(role.rawValue)", api.log)
        }
        return String(cookie)
    }

    /// One well-formed request to the API.
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], json: String? = nil) throws -> RawHTTP.Response? {
        var headers = headers
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try RawHTTP.exchange(
            port: port, RawHTTP.request(method, target, headers: headers, body: json.map { Array($0.utf8) }))
    }

    /// Stops both processes (SIGTERM, then SIGKILL after 10 s); returns the API's exit status.
    func stop() async -> Int32 {
        let status = await api.stop()
        if let collector { _ = await collector.stop() }
        return status
    }
}
