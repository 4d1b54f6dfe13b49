import AIMeterAPI
import AIMeterConfig
import AIMeterCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HygieneTests {
    @Test func everyResponseCarriesAIMetersSecurityHeadersWithoutHSTSOverHTTP() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            for uri in ["/api/health", "/api/nope", "/api/proxy/latest"] {
                let response = try await client.send(.get, uri)
                #expect(response.header("X-Content-Type-Options") == "nosniff")
                #expect(response.header("X-Frame-Options") == "DENY")
                #expect(response.header("Referrer-Policy") == "no-referrer")
                #expect(response.header("Permissions-Policy") == "camera=(), microphone=(), geolocation=()")
                #expect(response.header("Cross-Origin-Resource-Policy") == "same-origin")
                #expect(response.header("Content-Security-Policy")?.hasPrefix("default-src 'self';") == true)
                #expect(response.header("Strict-Transport-Security") == nil)
                #expect(response.header("X-Powered-By") == nil)
            }
        }
    }

    @Test func httpsAddsHSTS() async throws {
        let env = try TestEnvironment()
        var config = AppConfig()
        config.server.protocol = .https
        try await env.test(env.services(config: config)) { client in
            let response = try await client.send(.get, "/api/health")
            #expect(response.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload")
        }
    }

    @Test func unknownPathsAreJSON404() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/unknown"), (.post, "/api/proxy/nothing"), (.get, "/")] {
                let response = try await client.send(method, uri)
                #expect(response.status == .notFound)
                #expect(response.header("Content-Type") == "application/json; charset=utf-8")
                #expect(response.json["success"]?.boolValue == false)
                #expect(response.errorCode == "NOT_FOUND")
            }
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let health = try await client.send(.post, "/api/health")
            #expect(health.status == .methodNotAllowed)
            #expect(health.errorCode == "METHOD_NOT_ALLOWED")
            #expect(health.header("Allow") == "GET")

            let latest = try await client.send(.delete, "/api/proxy/latest")
            #expect(latest.status == .methodNotAllowed)
            #expect(latest.header("Allow") == "POST, GET")

            let verify = try await client.send(.get, "/api/auth/admin/verify")
            #expect(verify.status == .methodNotAllowed)
            #expect(verify.header("Allow") == "POST")

            let providers = try await client.send(.put, "/api/providers")
            #expect(providers.status == .methodNotAllowed)
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            let response = try await client.execute(uri: "/api/auth/normal/verify", method: .post, headers: headers, body: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "PAYLOAD_TOO_LARGE")
            #expect(response.json["error"]?["message"]?.stringValue == "Request body is too large")
        }
    }

    @Test func malformedJSONIs400OnlyForJSONContentTypes() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            let bad = try await client.execute(
                uri: "/api/auth/normal/verify", method: .post, headers: headers, body: ByteBuffer(string: "{\"password\":"))
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "INVALID_JSON")
            #expect(bad.json["error"]?["message"]?.stringValue == "Malformed JSON request body")

            let scalar = try await client.execute(
                uri: "/api/auth/normal/verify", method: .post, headers: headers, body: ByteBuffer(string: "42"))
            #expect(scalar.errorCode == "INVALID_JSON")

            // Another content type: the body is ignored, so the password is missing (AIMeter: 500).
            headers[.contentType] = "text/plain"
            let plain = try await client.execute(
                uri: "/api/auth/normal/verify", method: .post, headers: headers, body: ByteBuffer(string: "{\"password\":"))
            #expect(plain.status == .badRequest)
            #expect(plain.errorCode == "INVALID_REQUEST")
        }
    }

    @Test func answersAreNotCacheableUnlessTheyChooseOtherwise() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            #expect(try await client.send(.get, "/api/auth/normal/status").header("Cache-Control") == "no-store")
            #expect(try await client.send(.post, "/api/proxy/latest").header("Cache-Control") == "no-store")
            let export = try await client.send(
                .get, "/api/endpoint/subscriptions", headers: ["x-aimeter-endpoint-secret": TestEnvironment.endpointSecret])
            #expect(export.header("Cache-Control") == "private, no-cache")
        }
    }

    @Test func healthHasAIMetersShapeWithoutEnvelope() async throws {
        let env = try TestEnvironment()
        try await env.test { client in
            let response = try await client.send(.get, "/api/health")
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok","timestamp":"2025-03-13T00:00:00.000Z"}"#)
        }
    }
}
