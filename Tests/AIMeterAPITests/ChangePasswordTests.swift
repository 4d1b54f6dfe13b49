import AIMeterAPI
import AIMeterConfig
import AIMeterCore
import AIMeterSecurity
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ChangePasswordTests {
    static let body: JSONValue = [
        "targetRole": "normal", "oldPassword": .string(TestEnvironment.normalPassword), "newPassword": "brand-new-pass-7",
    ]

    @Test func changesThroughTheCollectorAndClearsTheTargetCookie() async throws {
        let env = try TestEnvironment()
        let collector = try FakeCollector(directory: env.directory) { request in
            request.op == "setPasswordHash" ? .result(.object(JSONObject())) : .error(code: "UNKNOWN_OPERATION", message: "no")
        }
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/auth/admin/change-password", cookie: admin, json: Self.body)
            #expect(response.text == #"{"success":true,"data":{"message":"Password changed successfully"}}"#)
            #expect(response.headers[.setCookie] == "aimeter_normal_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
        }
        let request = try #require(collector.requests.first)
        #expect(request.op == "setPasswordHash")
        #expect(request.params["role"]?.stringValue == "normal")
        let hash = try #require(request.params["hash"]?.stringValue)
        #expect(PasswordHasher.verify("brand-new-pass-7", against: hash))
        #expect(!request.line.contains("brand-new-pass-7"))
    }

    @Test func validationOrder() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            #expect(try await client.send(.post, "/api/auth/admin/change-password", json: Self.body).status == .unauthorized)
            let normal = try await client.login(.normal)
            // Only the admin cookie counts here, whatever else the request carries.
            #expect(
                try await client.send(.post, "/api/auth/admin/change-password", cookie: normal, json: Self.body).status
                    == .unauthorized)
            let admin = try await client.login(.admin)
            let missing = try await client.send(
                .post, "/api/auth/admin/change-password", cookie: admin, json: ["targetRole": "root"])
            #expect(
                missing.text
                    == #"{"success":false,"error":{"code":"INVALID_REQUEST","message":"targetRole, oldPassword and newPassword are required"}}"#
            )
            var weak = Self.body
            if case .object(var object) = weak { object["newPassword"] = "short1"; weak = .object(object) }
            let policy = try await client.send(.post, "/api/auth/admin/change-password", cookie: admin, json: weak)
            #expect(policy.errorCode == "INVALID_PASSWORD")
            #expect(policy.json["error"]?["message"]?.stringValue == "Password must be at least 12 characters")
            var wrongOld = Self.body
            if case .object(var object) = wrongOld { object["oldPassword"] = "not-the-password-1"; wrongOld = .object(object) }
            let old = try await client.send(.post, "/api/auth/admin/change-password", cookie: admin, json: wrongOld)
            #expect(old.json["error"]?["message"]?.stringValue == "Current password is incorrect")
            // Everything valid but no collector: 503.
            let down = try await client.send(.post, "/api/auth/admin/change-password", cookie: admin, json: Self.body)
            #expect(down.status == .serviceUnavailable)
            #expect(down.errorCode == "COLLECTOR_UNAVAILABLE")
        }
    }

    @Test func configuredHashIsReadOnly() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.auth.normalPasswordHash = TestEnvironment.fastHash(TestEnvironment.normalPassword)
        try await env.test(env.services(config: config)) { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/auth/admin/change-password", cookie: admin, json: Self.body)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "READ_ONLY_AUTH")
        }
    }

    @Test func collectorReadOnlyAnswerIs409() async throws {
        let env = try TestEnvironment()
        let collector = try FakeCollector(directory: env.directory) { _ in
            .error(code: "READ_ONLY_AUTH", message: "configured")
        }
        defer { collector.stop() }
        try await env.test(env.services(collectorSocket: collector.socketPath)) { client in
            let admin = try await client.login(.admin)
            let response = try await client.send(.post, "/api/auth/admin/change-password", cookie: admin, json: Self.body)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "READ_ONLY_AUTH")
        }
    }
}
