import AIMeterAPI
import AIMeterConfig
import AIMeterControl
import AIMeterCore
import AIMeterExport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MetricsAndReadinessTests {
    static func seededWithState() throws -> TestEnvironment {
        let env = try ProxyTests.seeded()
        try env.writer.saveFetchState(
            FetchState(
                lastAttemptAt: TestEnvironment.now.addingTimeInterval(-30), lastFailedAt: TestEnvironment.now.addingTimeInterval(-30),
                lastFailureReason: "401", authRequired: true, consecutiveFailures: 3),
            providerId: "prov_kimi")
        return env
    }

    @Test func metricsAreThePrometheusRendering() async throws {
        let env = try Self.seededWithState()
        var config = AppConfig()
        config.auth.metricsToken = "metrics-token-123"
        let entries = try ExportEntries.build(database: env.reader, now: 1_741_824_000)
        let expected = PrometheusExport.render(
            entries: entries, states: try ExportEntries.states(database: env.reader), now: 1_741_824_000, version: APIServer.version)
        try await env.test(env.services(config: config)) { client in
            let bearer = try await client.send(.get, "/metrics", headers: ["Authorization": "Bearer metrics-token-123"])
            #expect(bearer.status == .ok)
            #expect(bearer.text == expected)
            #expect(bearer.header("Content-Type") == PrometheusExport.contentType)
            #expect(bearer.text.contains(#"aimeter_auth_required{provider="kimi",id="prov_kimi",name=""} 1"#))
            #expect(bearer.text.contains(#"aimeter_consecutive_failures{provider="kimi",id="prov_kimi",name=""} 3"#))
            #expect(bearer.text.contains(#"aimeter_quota_used_percent{provider="claude",id="prov_claude",name="My Claude",item="Session"} 45.5"#))

            let secret = try await client.send(.get, "/metrics", headers: EndpointTests.secret)
            #expect(secret.status == .ok)
            let cookie = try await client.login(.normal)
            #expect(try await client.send(.get, "/metrics", cookie: cookie).status == .ok)
        }
    }

    @Test func metricsRejectWrongCredentials() async throws {
        let env = try Self.seededWithState()
        try await env.test { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.get, "/metrics").status == .unauthorized)
            // Without a configured token, bearer auth does not exist.
            #expect(try await client.send(.get, "/metrics", headers: ["Authorization": "Bearer "]).status == .unauthorized)
            #expect(
                try await client.send(.get, "/metrics", headers: ["x-aimeter-cron-secret": TestEnvironment.cronSecret]).status
                    == .unauthorized)
        }
    }

    @Test func metricsSupportConditionalRequests() async throws {
        let env = try Self.seededWithState()
        try await env.test { client in
            let first = try await client.send(.get, "/metrics", headers: EndpointTests.secret)
            var headers = EndpointTests.secret
            headers["If-None-Match"] = try #require(first.header("ETag"))
            #expect(try await client.send(.get, "/metrics", headers: headers).status == .notModified)
        }
    }

    @Test func readyReportsDatabaseDataAgeAndAnUnreachableCollector() async throws {
        let env = try Self.seededWithState()
        try await env.test { client in
            let response = try await client.send(.get, "/api/ready")
            #expect(response.status == .ok)
            let body = response.json
            #expect(body["ready"]?.boolValue == true)
            #expect(body["database"]?.stringValue == "ok")
            #expect(body["schemaVersion"]?.stringValue?.isEmpty == false)
            #expect(body["collector"]?.serialized() == #"{"reachable":false,"latencyMs":null}"#)
            #expect(body["newestDataAgeSeconds"]?.doubleValue == 60)
            #expect(
                body["providers"]?.serialized()
                    == #"[{"id":"prov_claude","ageSeconds":60,"stale":false},{"id":"prov_kimi","ageSeconds":null,"stale":true},{"id":"prov_minimax","ageSeconds":120,"stale":false},{"id":"prov_or","ageSeconds":600,"stale":false}]"#
            )
            // Twenty minutes later claude (5-minute interval) is stale, OpenRouter (15) is not yet.
            env.advance(seconds: 1200)
            let later = try await client.send(.get, "/api/ready").json["providers"]
            #expect(later?[0]?["stale"]?.boolValue == true)
            #expect(later?[3]?["stale"]?.boolValue == false)
        }
    }

    @Test func readyMeasuresAReachableCollector() async throws {
        let env = try TestEnvironment()
        let collector = try FakeCollector(directory: env.directory) { _ in .result(["pong": true, "version": "0.1.0"]) }
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let body = try await client.send(.get, "/api/ready").json
            #expect(body["collector"]?["reachable"]?.boolValue == true)
            #expect(body["collector"]?["latencyMs"]?.doubleValue != nil)
            #expect(body["newestDataAgeSeconds"]?.isNull == true)
        }
        #expect(collector.requests.map(\.op) == ["ping"])
    }
}
