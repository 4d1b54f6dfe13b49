import AIMeterCore
import Foundation
import Testing

/// The real `aimeter-api` after the real collector was killed with SIGKILL (its socket file stays
/// behind, nobody listens) and after that file is gone (collector never started): every read
/// keeps answering, every write-type route answers `503 COLLECTOR_UNAVAILABLE` within a second.
@Suite(.serialized, .enabled(if: DaemonBinaries.exist, "build the executables first (swift build)"))
struct CollectorDownTests {
    /// The contract's bound for a write-type route while the collector is down.
    static let unavailableWithin: Duration = .seconds(1)

    @Test func readsKeepWorkingAndWritesAnswer503FastWhenTheCollectorIsGone() async throws {
        let writeRoutes = try await CollectorRouteProbe.writeRoutes()
        let spec = try OpenAPIDocument.load()
        // The routes the code sends to the collector are exactly those the spec documents so.
        let documented = Set(spec.operations.filter { $0.value.documentsCollectorUnavailable }.keys)
        let deployment = try await ReliabilityDeployment.start(
            providers: ReliabilityDeployment.demoProviders([("down-a", 1), ("down-b", 1)]), withCollector: true)
        do {
            let catalog = RouteCatalog(deployment.env.services())
            #expect(Set(catalog.routes.filter { writeRoutes.contains($0.key) }.map(\.openAPIKey)) == documented)
            #expect(writeRoutes.count >= 5, "\(writeRoutes)")
            let admin = try deployment.login(.admin)
            // While the collector runs, a write-type route reaches it and its data is stored.
            let refreshed = try deployment.send("POST", "/api/proxy/refresh", headers: [("Cookie", admin)])
            #expect(refreshed?.status == 200, "\(refreshed?.text ?? "no answer")")

            let collector = try #require(deployment.collector)
            kill(collector.process.processIdentifier, SIGKILL)
            collector.process.waitUntilExit()
            #expect(FileManager.default.fileExists(atPath: deployment.socketPath), "a SIGKILLed collector leaves its socket")
            try checkDown(deployment, catalog: catalog, writeRoutes: writeRoutes, spec: spec, admin: admin, phase: "stale socket")

            try FileManager.default.removeItem(atPath: deployment.socketPath)
            try checkDown(deployment, catalog: catalog, writeRoutes: writeRoutes, spec: spec, admin: admin, phase: "no socket")
        } catch {
            _ = await deployment.stop()
            throw error
        }
        let status = await deployment.stop()
        #expect(status == 0, "api log:\n\(deployment.api.log)")
    }

    /// Calls every route once with its preconditions met.
    func checkDown(
        _ deployment: ReliabilityDeployment, catalog: RouteCatalog, writeRoutes: Set<String>, spec: OpenAPIDocument,
        admin: String, phase: String
    ) throws {
        for route in catalog.routes {
            let request = route.satisfyingRequest(adminCookie: admin, providerId: "down-a")
            let started = ContinuousClock.now
            let answer = try #require(
                try deployment.send(route.method, request.path, headers: request.headers, json: request.json),
                "\(phase): \(route.key) closed without an answer")
            let elapsed = ContinuousClock.now - started
            if writeRoutes.contains(route.key) {
                #expect(answer.status == 503, "\(phase): \(route.key) answered \(answer.status) \(answer.text)")
                #expect(elapsed < Self.unavailableWithin, "\(phase): \(route.key) took \(elapsed)")
                #expect(ErrorEnvelope.problem(answer) == nil, "\(phase): \(route.key): \(ErrorEnvelope.problem(answer) ?? "")")
                #expect(answer.json["error"]?["code"]?.stringValue == "COLLECTOR_UNAVAILABLE")
            } else if spec.operations[route.openAPIKey]?.statuses.contains(200) == true {
                #expect(answer.status == 200, "\(phase): read \(route.key) answered \(answer.status) \(answer.text)")
            } else {
                // The routes AIMeter had and aimeter disables (setup, bootstrap, audit log).
                #expect((400..<500).contains(answer.status), "\(phase): \(route.key) answered \(answer.status)")
            }
        }
        let latest = try #require(try deployment.send("GET", "/api/proxy/latest", headers: [("Cookie", admin)]))
        let records = latest.json["data"]?.arrayValue ?? []
        #expect(records.count == 2 && records.allSatisfy { $0["progress"]?.arrayValue?.isEmpty == false }, "\(latest.text)")
        let ready = try #require(try deployment.send("GET", "/api/ready"))
        #expect(ready.json["collector"]?["reachable"]?.boolValue == false)
    }
}
