import AIMeterCore
import Foundation
import Testing

/// The real `aimeter-api` hammered by concurrent readers while a second writer appends and
/// prunes the same database file hundreds of times a second and the real collector runs (and
/// refreshes on request): no `SQLITE_BUSY` and no 5xx ever reaches a client, and every answer is
/// well-formed.
@Suite(.serialized, .enabled(if: DaemonBinaries.exist, "build the executables first (swift build)"))
struct ReaderWriterLoadTests {
    static let hammerSeconds = 4.0
    static let workers = 4
    /// Polled by the collector (it writes them); the test's writer owns the others.
    static let collectorIds = ["load-a", "load-b"]
    static let writerIds = ["burst-1", "burst-2", "burst-3"]

    @Test func readersNeverSeeABusyDatabaseWhileRowsAreAppendedAndPruned() async throws {
        let providers = ReliabilityDeployment.demoProviders(
            Self.collectorIds.map { (id: $0, interval: 1) } + Self.writerIds.map { (id: $0, interval: 0) })
        let deployment = try await ReliabilityDeployment.start(providers: providers, withCollector: true)
        let writer = SnapshotWriterLoop(database: deployment.env.writer, providerIds: Self.writerIds)
        do {
            let admin = try deployment.login(.admin)
            let normal = try deployment.login(.normal)
            writer.start()
            let outcome = LoadHammer.run(
                port: deployment.port, probes: Self.probes(normal: normal, admin: admin), workers: Self.workers,
                duration: Self.hammerSeconds)
            let tally = await writer.stop()
            #expect(
                outcome.problems.isEmpty, "\(outcome.problems.count) of \(outcome.answered):\n\(outcome.problems.prefix(20).joined(separator: "\n"))")
            #expect(outcome.answered >= 100, "only \(outcome.answered) answers in \(Self.hammerSeconds) s")
            #expect(tally.errors.isEmpty, "\(tally.errors.prefix(5))")
            #expect(tally.appended >= 90 && tally.pruned > 0, "appended \(tally.appended), pruned \(tally.pruned)")
        } catch {
            _ = await writer.stop()
            _ = await deployment.stop()
            throw error
        }
        let status = await deployment.stop()
        #expect(status == 0)
        for text in ["SQLITE_BUSY", "database is locked", "Unhandled error", "failed:"] {
            #expect(!deployment.api.log.contains(text), "api log:\n\(deployment.api.log.suffix(3000))")
        }
    }

    /// The read mix: latest, every export format, both histories, providers, metrics, readiness,
    /// and an admin refresh through the collector.
    static func probes(normal: String, admin: String) -> [LoadHammer.Probe] {
        let secret = [("x-aimeter-endpoint-secret", TestEnvironment.endpointSecret)]
        let session = [("Cookie", normal)]
        var probes = [
            probe("latest", "POST", "/api/proxy/latest", session, check: envelopeWithArray(count: 5)),
            probe("history", "GET", "/api/history?days=1", session, check: envelope),
            probe("history one", "GET", "/api/history?days=30&provider=burst-1", session, check: envelope),
            probe("provider history", "GET", "/api/providers/burst-2/history?days=1", session, check: envelope),
            probe("providers", "GET", "/api/providers", session, check: envelopeWithArray(count: 5)),
            probe("metrics", "GET", "/metrics", secret, check: contains("aimeter_quota_used_percent{")),
            probe("ready", "GET", "/api/ready", [], check: contains(#""database":"ok""#)),
            probe("refresh", "POST", "/api/providers/load-a/refresh", [("Cookie", admin)], check: envelope),
        ]
        let formats: [(String, String)] = [
            ("json", #""providers""#), ("xml", "<?xml"), ("csv", "id,provider,"), ("markdown", "|"), ("table", "Demo 3"),
            ("prometheus", "aimeter_"),
        ]
        for (format, marker) in formats {
            probes.append(probe("export \(format)", "GET", "/api/endpoint/subscriptions?format=\(format)", secret, check: contains(marker)))
        }
        return probes
    }

    static func probe(
        _ name: String, _ method: String, _ target: String, _ headers: [(String, String)],
        check: @escaping @Sendable (RawHTTP.Response) -> String?
    ) -> LoadHammer.Probe {
        LoadHammer.Probe(name: name, bytes: RawHTTP.request(method, target, headers: headers, body: method == "POST" ? [] : nil)) { response in
            if response.status != 200 { return "status \(response.status): \(response.text.prefix(300))" }
            if response.text.contains("SQLITE") || response.text.contains("locked") { return "database error: \(response.text.prefix(300))" }
            return check(response)
        }
    }

    static let envelope: @Sendable (RawHTTP.Response) -> String? = { response in
        response.json["success"]?.boolValue == true ? nil : "no success envelope: \(response.text.prefix(300))"
    }

    static func envelopeWithArray(count: Int) -> @Sendable (RawHTTP.Response) -> String? {
        { response in
            let records = response.json["data"]?.arrayValue
            return records?.count == count ? nil : "expected \(count) records: \(response.text.prefix(300))"
        }
    }

    static func contains(_ marker: String) -> @Sendable (RawHTTP.Response) -> String? {
        { response in response.text.contains(marker) ? nil : "no \(marker) in \(response.text.prefix(300))" }
    }
}
