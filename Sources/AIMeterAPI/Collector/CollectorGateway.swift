import AIMeterControl
import AIMeterCore

/// The API's way to the collector: one request over the control socket with a bounded wait,
/// socket problems turned into HTTP errors.
public struct CollectorGateway: Sendable {
    /// Path of the collector's control socket.
    public var socketPath: String
    /// How long a write-type request may wait for the collector (a refresh polls upstreams).
    public var timeout: Double
    /// How long the readiness check waits for `ping`.
    public var pingTimeout: Double

    /// Creates a gateway; 25 s leaves room inside common 30 s proxy timeouts.
    public init(socketPath: String, timeout: Double = 25, pingTimeout: Double = 1) {
        self.socketPath = socketPath
        self.timeout = timeout
        self.pingTimeout = pingTimeout
    }

    /// `503 COLLECTOR_UNAVAILABLE`.
    public static let unavailable = APIError(
        .serviceUnavailable, code: "COLLECTOR_UNAVAILABLE",
        message: "The collector is not reachable; reads keep working, this action needs aimeter-collector running")
    /// `504 COLLECTOR_TIMEOUT`.
    public static let timedOut = APIError(
        .gatewayTimeout, code: "COLLECTOR_TIMEOUT", message: "The collector did not answer in time")

    /// Sends `op` and returns the result. Socket failures throw ``unavailable`` or ``timedOut``;
    /// an error answered by the collector goes to `remoteError` (default: ``defaultRemoteError``).
    public func send(
        _ op: ControlOperation,
        params: JSONObject = JSONObject(),
        remoteError: (String, String) -> APIError = CollectorGateway.defaultRemoteError
    ) async throws -> JSONValue {
        do {
            return try await ControlClient(socketPath: socketPath, timeout: timeout).send(op, params: params)
        } catch let error as ControlClientError {
            switch error {
            case .unavailable, .protocolViolation: throw Self.unavailable
            case .timeout: throw Self.timedOut
            case .remote(let code, let message): throw remoteError(code, message)
            }
        }
    }

    /// Round-trip time of `ping` in milliseconds, or nil when the collector does not answer in
    /// ``pingTimeout``.
    public func ping() async -> Double? {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await ControlClient(socketPath: socketPath, timeout: pingTimeout).send(.ping)
        } catch {
            return nil
        }
        return (clock.now - started).inMilliseconds
    }

    /// Collector error codes as HTTP errors: `READ_ONLY_*` → 409, `NOT_FOUND` → 404,
    /// `INVALID_*` → 400, anything else → 502 with the collector's code.
    public static func defaultRemoteError(code: String, message: String) -> APIError {
        if code.hasPrefix("READ_ONLY") { return APIError(.conflict, code: code, message: message) }
        if code == "NOT_FOUND" { return APIError(.notFound, code: code, message: message) }
        if code.hasPrefix("INVALID") { return APIError(.badRequest, code: code, message: message) }
        return APIError(.badGateway, code: code, message: message)
    }
}
