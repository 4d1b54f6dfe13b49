import AIMeterConfig
import AIMeterControl
import AIMeterCore
import AIMeterSecurity
import Foundation
import Testing

@testable import AIMeterCollector

@Suite struct ControlSocketTests {
    @Test func pingAndStatus() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a", interval: 5), CollectorHarness.provider("m", interval: 0, order: 2)])
        let server = try harness.startServer()
        defer { server.stop() }
        #expect(try await harness.send(.ping) == ["pong": true, "version": .string(CollectorRuntime.version)])
        harness.adapters.set("a") { _ in throw ProviderError.upstreamError("quota endpoint down") }
        _ = try await harness.poll("a")
        let status = try await harness.send(.status)
        let now = Double(Int64(harness.clock.now().timeIntervalSince1970))
        #expect(status["version"] == .string(CollectorRuntime.version))
        #expect(status["startedAt"] == .number(now))
        #expect(status["lastRoundAt"] == .null)
        #expect(
            status["providers"]?[0]
                == [
                    "id": "a", "provider": "demo", "name": "Test a", "refreshInterval": 5, "nextDueAt": .number(now + 300),
                    "lastAttemptAt": .number(now), "lastSuccessAt": .null, "lastFailedAt": .number(now), "consecutiveFailures": 1,
                    "authRequired": false, "lastError": "quota endpoint down",
                ])
        #expect(status["providers"]?[1]?["nextDueAt"] == .null)
        #expect(await harness.runtime.statusLine() == "2 providers, no round yet, 1 failing")
    }

    @Test func severalRequestsOnOneConnectionAndMalformedOnesGetErrors() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        let server = try harness.startServer()
        defer { server.stop() }
        let connection = try RawControlConnection(path: harness.socketPath)
        #expect(try connection.exchange("{not json")?["error"]?["code"] == "INVALID_JSON")
        #expect(try connection.exchange(#"{"op":"ping"}"#)?["error"]?["code"] == "INVALID_REQUEST")
        let unknown = try connection.exchange(#"{"id":"u1","op":"explode"}"#)
        #expect(unknown?["id"] == "u1")
        #expect(unknown?["ok"] == false)
        #expect(unknown?["error"]?["code"] == "UNKNOWN_OPERATION")
        #expect(try connection.exchange(#"{"id":"p","op":"ping","params":[1]}"#)?["error"]?["code"] == "INVALID_REQUEST")
        #expect(try connection.exchange(#"[1,2,3]"#)?["error"]?["code"] == "INVALID_REQUEST")
        #expect(try connection.exchange(#"{"id":"r","op":"rotateSecret","params":{"which":"admin"}}"#)?["error"]?["code"] == "INVALID_PARAMS")
        let ping = try connection.exchange(#"{"id":"ok","op":"ping"}"#)
        #expect(ping?["id"] == "ok")
        #expect(ping?["result"]?["pong"] == true)
    }

    @Test func hugeLineIsRefusedAndTheDaemonKeepsServing() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        let server = try harness.startServer()
        defer { server.stop() }
        let connection = try RawControlConnection(path: harness.socketPath)
        let huge = String(repeating: "a", count: ControlServer.maximumLineBytes + 10)
        let reply = try connection.exchange(huge)
        #expect(reply?["error"]?["code"] == "LINE_TOO_LONG")
        #expect(try await harness.send(.ping)["pong"] == true)
    }

    @Test func forbiddenPeersAreAnsweredAndDisconnected() async throws {
        let harness = try await CollectorHarness(providers: [CollectorHarness.provider("a")])
        // A policy naming another user and group: this test process is a stranger to it.
        let server = try harness.startServer(policy: PeerPolicy(uid: geteuid() &+ 4242, gid: getegid() &+ 4242))
        defer { server.stop() }
        if geteuid() == 0 {
            // Root is always allowed; the decision itself is covered by PeerPolicyTests.
            #expect(try await harness.send(.ping)["pong"] == true)
        } else {
            await #expect(throws: ControlClientError.remote(code: "FORBIDDEN", message: "This user may not use the collector's control socket")) {
                _ = try await harness.send(.ping)
            }
        }
    }

    @Test func socketFileHasMode0660() async throws {
        let harness = try await CollectorHarness(providers: [])
        let server = try harness.startServer()
        let mode = try FileManager.default.attributesOfItem(atPath: harness.socketPath)[.posixPermissions] as? Int
        #expect(mode == 0o660)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: harness.socketPath))
    }
}

@Suite struct SecretOperationTests {
    @Test func rotateSecretStoresANewValue() async throws {
        let harness = try await CollectorHarness(providers: [])
        let server = try harness.startServer()
        defer { server.stop() }
        let before = try #require(try harness.store.setting(.cronSecret))
        let result = try await harness.send(.rotateSecret, ["which": "cron"])
        let value = try #require(result["value"]?.stringValue)
        #expect(value.count == 32 && value.allSatisfy(\.isHexDigit) && value == value.lowercased())
        #expect(value != before)
        #expect(try harness.store.setting(.cronSecret) == value)
        let session = try await harness.send(.rotateSecret, ["which": "session"])
        #expect(try harness.store.setting(.sessionSecret) == session["value"]?.stringValue)
    }

    @Test func configuredSecretsAndHashesAreReadOnly() async throws {
        let hash = PasswordHasher.hash("correct horse battery 9", iterations: 1000)
        let auth = AuthConfig(adminPasswordHash: hash, endpointSecret: String(repeating: "e", count: 32))
        let harness = try await CollectorHarness(providers: [], auth: auth)
        let server = try harness.startServer()
        defer { server.stop() }
        #expect(try harness.store.setting(.endpointSecret) == nil)
        do {
            _ = try await harness.send(.rotateSecret, ["which": "endpoint"])
            Issue.record("expected READ_ONLY_SECRET")
        } catch ControlClientError.remote(let code, _) {
            #expect(code == "READ_ONLY_SECRET")
        }
        do {
            _ = try await harness.send(.setPasswordHash, ["role": "admin", "hash": .string(hash)])
            Issue.record("expected READ_ONLY_AUTH")
        } catch ControlClientError.remote(let code, _) {
            #expect(code == "READ_ONLY_AUTH")
        }
        #expect(try await harness.send(.setPasswordHash, ["role": "normal", "hash": .string(hash)]) == .object(JSONObject()))
        #expect(try harness.store.setting(.normalPasswordHash) == hash)
    }

    @Test func malformedHashesAreRejected() async throws {
        let harness = try await CollectorHarness(providers: [])
        let server = try harness.startServer()
        defer { server.stop() }
        for params: JSONValue in [["role": "admin", "hash": "plain-text"], ["role": "admin"], ["role": "root", "hash": "x"]] {
            do {
                _ = try await harness.send(.setPasswordHash, params)
                Issue.record("expected INVALID_PARAMS for \(params)")
            } catch ControlClientError.remote(let code, _) {
                #expect(code == "INVALID_PARAMS")
            }
        }
        #expect(try harness.store.setting(.adminPasswordHash) == nil)
    }

    @Test func startupGeneratesOnlyUnconfiguredSecrets() async throws {
        let harness = try await CollectorHarness(providers: [], auth: AuthConfig(cronSecret: String(repeating: "c", count: 32)))
        #expect(try harness.store.setting(.cronSecret) == nil)
        #expect(try harness.store.setting(.endpointSecret)?.count == 32)
        #expect(try harness.store.setting(.sessionSecret)?.count == 32)
    }
}
