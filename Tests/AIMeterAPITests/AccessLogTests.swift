@testable import AIMeterAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Collects log messages.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "capture") { _ in CaptureHandler(capture: self) }
    }

    struct CaptureHandler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.lines.withLock { $0.append("\(event.message)") }
        }
    }
}

@Suite struct AccessLogTests {
    @Test func queriesAreMaskedByParameterNameIgnoringCase() {
        #expect(AccessLogMiddleware.loggablePath("/p", query: nil) == "/p")
        #expect(AccessLogMiddleware.loggablePath("/p", query: "format=json&pretty=0") == "/p?format=json&pretty=0")
        #expect(AccessLogMiddleware.loggablePath("/p", query: "API_Key=abc&format=csv") == "/p?API_Key=***&format=csv")
        #expect(AccessLogMiddleware.loggablePath("/p", query: "x=1&sessionId=s&flag") == "/p?x=1&sessionId=***&flag")
        // A secret word in a value, not a name, is kept: the value is what the name describes.
        #expect(AccessLogMiddleware.loggablePath("/p", query: "providers=token") == "/p?providers=token")
        #expect(AccessLogMiddleware.loggablePath("/p", query: "COOKIE") == "/p?COOKIE=***")
    }

    @Test func oneLinePerRequestWithoutSecrets() async throws {
        let env = try TestEnvironment()
        let capture = LogCapture()
        let router = APIServer.buildRouter(env.services(), accessLogger: capture.logger)
        try await Application(router: router).test(.router) { client in
            let cookie = try await client.login(.admin)
            _ = try await client.send(
                .get, "/api/endpoint/subscriptions?format=csv&token=abc123&secret=s3cr3t", cookie: cookie,
                headers: ["x-aimeter-endpoint-secret": TestEnvironment.endpointSecret])
            _ = try await client.send(.get, "/api/nope")
        }
        let lines = capture.lines.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("POST /api/auth/admin/verify 200 "))
        #expect(lines[0].hasSuffix("ms unknown"))
        #expect(lines[1].hasPrefix("GET /api/endpoint/subscriptions?format=csv&token=***&secret=*** 200 "))
        #expect(lines[2].hasPrefix("GET /api/nope 404 "))
        let all = lines.joined(separator: "\n")
        for secret in [TestEnvironment.adminPassword, TestEnvironment.endpointSecret, "abc123", "s3cr3t", "aimeter_admin_session"] {
            #expect(!all.contains(secret))
        }
    }
}
