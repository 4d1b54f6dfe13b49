import AIMeterCore
import AIMeterSecurity
import AIMeterStore
import AIMeterTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `aimeter-collector` binary: systemd notifications, signals, exit statuses, and
/// crash safety under `kill -9` (database intact, no stored snapshot or rotated token lost).
@Suite(.serialized) final class CollectorEndToEndTests {
    let directory: URL

    init() throws {
        directory = try CollectorHarness.makeTemporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var databasePath: String { directory.appendingPathComponent("data/aimeter.db").path }
    var socketPath: String { directory.appendingPathComponent("run/c.sock").path }
    /// The credential key, configured so the test can decrypt the stored tokens.
    static let encryptionKey = "end-to-end-credential-key-0123456789"

    func writeConfig(providerCount: Int, interval: Int, extraProviders: [String] = []) throws -> String {
        let providers = (1...providerCount).map { "  - { id: demo-\($0), provider: demo, name: Demo \($0), refreshInterval: \(interval) }" }
            + extraProviders
        let yaml = """
            database:
              path: \(databasePath)
              encryptionKey: \(Self.encryptionKey)
            collector:
              socket: \(socketPath)
            providers:
            \(providers.joined(separator: "\n"))
            """
        let path = directory.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func notifiesSystemdThroughReloadAndStop() async throws {
        let config = try writeConfig(providerCount: 3, interval: 1)
        let listener = try NotifyListener(path: directory.appendingPathComponent("notify.sock").path)
        let collector = try CollectorProcess(
            arguments: ["--config", config],
            environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "500000", "AIMETER_LOG_LEVEL": "warning"],
            logPath: directory.appendingPathComponent("collector.log").path)
        var seen: [String] = []
        let ready = listener.waitFor(timeout: 30, seen: &seen) { $0.hasPrefix("READY=1") }
        try #require(ready != nil, "no READY=1; log: \(collector.log)")
        #expect(ready?.contains("STATUS=3 providers") == true)
        #expect(FileManager.default.fileExists(atPath: socketPath))
        #expect(listener.waitFor(timeout: 5, seen: &seen) { $0.split(separator: "\n").contains("WATCHDOG=1") } != nil)

        collector.signal(SIGHUP)
        let reloading = listener.waitFor(timeout: 10, seen: &seen) { $0.hasPrefix("RELOADING=1") }
        #expect(reloading?.contains("MONOTONIC_USEC=") == true)
        #expect(listener.waitFor(timeout: 10, seen: &seen) { $0.hasPrefix("READY=1") } != nil)
        #expect(collector.process.isRunning)

        collector.signal(SIGTERM)
        #expect(listener.waitFor(timeout: 10, seen: &seen) { $0.hasPrefix("STOPPING=1") } != nil)
        #expect(await collector.waitForExit(timeout: 10))
        #expect(collector.process.terminationReason == .exit)
        #expect(collector.process.terminationStatus == 0)
        #expect(seen.contains { $0.hasPrefix("STATUS=") || $0.contains("\nSTATUS=") })
    }

    @Test func invalidConfigurationExits78WithEveryProblem() async throws {
        let path = directory.appendingPathComponent("bad.yaml").path
        try """
            collector:
              concurrency: 0
            providers:
              - { id: a, provider: demo, options: { profile: lavish } }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let collector = try CollectorProcess(arguments: ["--config", path], environment: [:], logPath: directory.appendingPathComponent("bad.log").path)
        #expect(await collector.waitForExit(timeout: 20))
        #expect(collector.process.terminationStatus == 78)
        #expect(collector.log.contains("collector.concurrency"))
    }

    @Test func killNineDuringPollingNeverCorruptsTheDatabase() async throws {
        let providerCount = 40
        let oauth = try await RotatingOAuthUpstream.start()
        let rotating = ["rot-1", "rot-2", "rot-3"]
        let config = try writeConfig(providerCount: providerCount, interval: 1, extraProviders: rotating.map(oauth.providerYAML(id:)))
        let listener = try NotifyListener(path: directory.appendingPathComponent("notify.sock").path)
        var previous: [String: Date] = [:]
        for iteration in 1...5 {
            let collector = try CollectorProcess(
                arguments: ["--config", config], environment: ["NOTIFY_SOCKET": listener.path, "AIMETER_LOG_LEVEL": "warning"],
                logPath: directory.appendingPathComponent("crash-\(iteration).log").path)
            var seen: [String] = []
            try #require(listener.waitFor(timeout: 30, seen: &seen) { $0.hasPrefix("READY=1") } != nil, "no READY=1: \(collector.log)")
            // The first round spreads over the first 5 seconds (jitter): kill somewhere inside it.
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...2500)))
            collector.signal(SIGKILL)
            #expect(await collector.waitForExit(timeout: 10))
            #expect(collector.process.terminationReason == .uncaughtSignal)

            #expect(try integrityCheck() == "ok")
            let afterKill = try latestSnapshotTimes()
            for (id, time) in previous {
                #expect(afterKill[id].map { $0 >= time } == true, "snapshot of \(id) lost in iteration \(iteration)")
            }
            try expectNoRefreshTokenLost(oauth, providers: rotating, iteration: iteration)
            previous = try await restartAndFill(config: config, listener: listener, iteration: iteration)
            #expect(previous.count == providerCount + rotating.count)
        }
        // The chains really rotated, so the token checks above had something to check.
        #expect(rotating.allSatisfy { oauth.acknowledged[$0, default: 0] >= 1 }, "\(oauth.acknowledged)")
        #expect(oauth.lostRefreshes == 0)
        await oauth.mock.stop()
    }

    /// Every refresh token the collector has used (its access token reached the upstream) is
    /// still in the database, or a newer one is.
    func expectNoRefreshTokenLost(_ oauth: RotatingOAuthUpstream, providers: [String], iteration: Int) throws {
        let reader = try AppDatabase.openReader(path: databasePath)
        let cipher = CredentialCipher(keyMaterial: Self.encryptionKey)
        let acknowledged = oauth.acknowledged
        for id in providers {
            let stored = try reader.retainedCredentials(providerId: id, cipher: cipher)?.credentials.oauthTokens?.refreshToken
            let number = stored.flatMap(RotatingOAuthUpstream.parse)?.number ?? 0
            let used = acknowledged[id, default: 0]
            #expect(number >= used, "\(id): stored \(stored ?? "none") after iteration \(iteration), used \(used)")
        }
        #expect(oauth.lostRefreshes == 0)
    }

    /// Restarts the collector, asks it to refresh every provider (those polled within three
    /// minutes are served from cache, the rest fetched), stops it, and returns the latest times.
    func restartAndFill(config: String, listener: NotifyListener, iteration: Int) async throws -> [String: Date] {
        let collector = try CollectorProcess(
            arguments: ["--config", config], environment: ["NOTIFY_SOCKET": listener.path, "AIMETER_LOG_LEVEL": "warning"],
            logPath: directory.appendingPathComponent("fill-\(iteration).log").path)
        var seen: [String] = []
        try #require(listener.waitFor(timeout: 30, seen: &seen) { $0.hasPrefix("READY=1") } != nil, "no READY=1: \(collector.log)")
        let reply = try await ThreadedControlClient(socketPath: socketPath, timeout: 30).send(.refresh, params: JSONObject())
        let statuses = Set(reply["results"]?.arrayValue?.compactMap { $0["status"]?.stringValue } ?? [])
        #expect(statuses.isSubset(of: ["fresh", "cached"]))
        collector.signal(SIGTERM)
        #expect(await collector.waitForExit(timeout: 10))
        #expect(collector.process.terminationStatus == 0)
        #expect(try integrityCheck() == "ok")
        return try latestSnapshotTimes()
    }

    func integrityCheck() throws -> String? {
        let queue = try DatabaseQueue(path: databasePath, configuration: { var c = Configuration(); c.readonly = true; return c }())
        return try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
    }

    func latestSnapshotTimes() throws -> [String: Date] {
        try AppDatabase.openReader(path: databasePath).latestSnapshots().mapValues(\.createdAt)
    }
}
