import AIMeterAPI
import AIMeterConfig
import AIMeterControl
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct SystemTests {
    @Test func capabilitiesForNormalAndAdmin() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            #expect(try await client.send(.get, "/api/system/capabilities").status == .unauthorized)
            let normal = try await client.login(.normal)
            let asNormal = try await client.send(.get, "/api/system/capabilities", cookie: normal)
            #expect(
                asNormal.text
                    == #"{"success":true,"data":{"viewerRole":"normal","mockEnabled":false,"providerConfigMutable":false,"auth":{"normal":{"enabled":true,"needsSetup":false,"mutable":true},"admin":{"enabled":true,"needsSetup":false,"mutable":true}},"ui":{"showSettings":false,"showCredentialValues":false,"allowProviderCreate":false,"allowProviderEdit":false,"allowProviderDelete":false,"allowProviderReorder":false,"allowManualRefresh":false},"history":{"enabled":true,"persisted":true,"mode":"database"},"secrets":{"managedInDb":true,"mutable":true}}}"#
            )
            let admin = try await client.login(.admin)
            let asAdmin = try await client.send(.get, "/api/system/capabilities", cookie: admin).json["data"]
            #expect(asAdmin?["viewerRole"]?.stringValue == "admin")
            #expect(asAdmin?["ui"]?["showSettings"]?.boolValue == true)
            #expect(asAdmin?["ui"]?["allowManualRefresh"]?.boolValue == true)
            #expect(asAdmin?["ui"]?["allowProviderCreate"]?.boolValue == false)
        }
    }

    @Test func configuredSecretsAreNotManagedInTheDatabase() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.auth.endpointSecret = "f".repeated(32)
        config.auth.adminPasswordHash = TestEnvironment.fastHash(TestEnvironment.adminPassword)
        try await env.test(env.services(config: config)) { client in
            let admin = try await client.login(.admin)
            let data = try await client.send(.get, "/api/system/capabilities", cookie: admin).json["data"]
            #expect(data?["secrets"]?.serialized() == #"{"managedInDb":false,"mutable":false}"#)
            #expect(data?["auth"]?["admin"]?["mutable"]?.boolValue == false)
            let secrets = try await client.send(.get, "/api/system/secrets", cookie: admin)
            #expect(
                secrets.text
                    == #"{"success":true,"data":{"cronSecret":"\#(TestEnvironment.cronSecret)","endpointSecret":"\#("f".repeated(32))"}}"#
            )
            let reset = try await client.send(.post, "/api/system/secrets/endpoint/reset", cookie: admin)
            #expect(reset.status == .conflict)
            #expect(reset.errorCode == "READ_ONLY_SECRET")
        }
    }

    @Test func secretsAreAdminOnly() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let normal = try await client.login(.normal)
            for (method, uri) in [
                (HTTPRequest.Method.get, "/api/system/secrets"), (.post, "/api/system/secrets/endpoint/reset"),
                (.post, "/api/system/secrets/cron/reset"),
            ] {
                #expect(try await client.send(method, uri).status == .unauthorized)
                #expect(try await client.send(method, uri, cookie: normal).status == .forbidden)
            }
            let admin = try await client.login(.admin)
            let secrets = try await client.send(.get, "/api/system/secrets", cookie: admin)
            #expect(secrets.json["data"]?["endpointSecret"]?.stringValue == TestEnvironment.endpointSecret)
        }
    }

    @Test func resetRotatesThroughTheCollector() async throws {
        let env = try TestEnvironment()
        let collector = try FakeCollector(directory: env.directory) { request in
            guard request.op == "rotateSecret" else { return .error(code: "UNKNOWN_OPERATION", message: request.op) }
            let which = request.params["which"]?.stringValue ?? ""
            return which == "cron" ? .error(code: "READ_ONLY_SECRET", message: "configured in the collector") : .result(["value": "abcdef0123456789abcdef0123456789"])
        }
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let endpoint = try await client.send(.post, "/api/system/secrets/endpoint/reset", cookie: admin)
            #expect(endpoint.text == #"{"success":true,"data":{"endpointSecret":"abcdef0123456789abcdef0123456789"}}"#)
            let cron = try await client.send(.post, "/api/system/secrets/cron/reset", cookie: admin)
            #expect(cron.status == .conflict)
            #expect(cron.errorCode == "READ_ONLY_SECRET")
        }
        #expect(collector.requests.map { $0.params["which"]?.stringValue } == ["endpoint", "cron"])
    }

    @Test func resetWithoutCollectorIs503() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/system/secrets/cron/reset", cookie: admin)
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "COLLECTOR_UNAVAILABLE")
        }
    }
}

extension String {
    func repeated(_ count: Int) -> String { String(repeating: self, count: count) }
}
