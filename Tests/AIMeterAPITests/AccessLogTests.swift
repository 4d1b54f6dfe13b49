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
    @Test func durationsHaveOneDecimalRoundedLikePrintf() {
        #expect(AccessLogMiddleware.tenths(1.84) == "1.8")
        #expect(AccessLogMiddleware.tenths(1.86) == "1.9")
        #expect(AccessLogMiddleware.tenths(0.04) == "0.0")
        #expect(AccessLogMiddleware.tenths(12.0) == "12.0")
        #expect(AccessLogMiddleware.tenths(1234.56) == "1234.6")
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
