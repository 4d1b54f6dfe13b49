import AIMeterAPI
import AIMeterConfig
import AIMeterControl
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct JobsTests {
    static let jobsData: JSONValue = [
        "total": 1, "executed": 0, "skipped": 1, "success": 0, "failed": 0, "durationMs": 3,
        "results": [["id": "prov_claude", "provider": "claude", "status": "skipped", "reason": "NOT_DUE", "nextDueAt": 1_741_824_300]],
    ]

    @Test func cronSecretRunsJobsThroughTheCollector() async throws {
        let env = try TestEnvironment(providers: [SampleData.claude])
        let collector = try FakeCollector(directory: env.directory) { request in
            request.op == "jobs" ? .result(Self.jobsData) : .error(code: "UNKNOWN_OPERATION", message: request.op)
        }
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let headers = ["x-aimeter-cron-secret": "  \(TestEnvironment.cronSecret) "]
            let all = try await client.send(.post, "/api/system/jobs/refresh", headers: headers)
            #expect(all.text == #"{"success":true,"data":"# + Self.jobsData.serialized() + "}")
            let some = try await client.send(
                .post, "/api/system/jobs/refresh", headers: headers, json: ["providerIds": [" prov_claude ", "", 7]])
            #expect(some.status == .ok)
        }
        #expect(collector.requests.count == 2)
        #expect(collector.requests[0].params["providerIds"] == nil)
        #expect(collector.requests[1].params["providerIds"]?.serialized() == #"["prov_claude","7"]"#)
    }

    @Test func wrongOrMissingCronSecretIs401() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let missing = try await client.send(.post, "/api/system/jobs/refresh")
            #expect(missing.status == .unauthorized)
            #expect(missing.text == #"{"success":false,"error":{"code":"UNAUTHORIZED","message":"Invalid cron secret"}}"#)
            let wrong = try await client.send(
                .post, "/api/system/jobs/refresh", headers: ["x-aimeter-cron-secret": TestEnvironment.endpointSecret])
            #expect(wrong.status == .unauthorized)
            // A session is not a cron secret.
            let admin = try await client.login(.admin)
            #expect(try await client.send(.post, "/api/system/jobs/refresh", cookie: admin).status == .unauthorized)
        }
    }

    @Test func noCronSecretAnywhereIs503() async throws {
        let env = try TestEnvironment(settings: false)
        try await env.test { client in
            let response = try await client.send(.post, "/api/system/jobs/refresh", headers: ["x-aimeter-cron-secret": "x"])
            #expect(response.status == .serviceUnavailable)
            #expect(
                response.text
                    == #"{"success":false,"error":{"code":"CRON_SECRET_NOT_CONFIGURED","message":"Cron secret is not configured"}}"#)
        }
    }

    @Test func configuredCronSecretIsAuthoritative() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.auth.cronSecret = "9".repeated(32)
        try await env.test(env.services(config: config)) { client in
            let stored = try await client.send(
                .post, "/api/system/jobs/refresh", headers: ["x-aimeter-cron-secret": TestEnvironment.cronSecret])
            #expect(stored.status == .unauthorized)
            let configured = try await client.send(
                .post, "/api/system/jobs/refresh", headers: ["x-aimeter-cron-secret": "9".repeated(32)])
            #expect(configured.errorCode == "COLLECTOR_UNAVAILABLE")
        }
    }
}
