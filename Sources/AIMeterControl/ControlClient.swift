import AIMeterCore
import Foundation

/// Why a control request got no usable answer.
public enum ControlClientError: Error, Sendable, Equatable {
    /// Nothing listens on the socket (collector down, wrong path, no permission).
    case unavailable(String)
    /// The collector did not answer in time.
    case timeout
    /// The answer was not a valid response line.
    case protocolViolation(String)
    /// The collector answered with an error.
    case remote(code: String, message: String)
}

/// Sends one request to the collector's control socket and waits a bounded time for the answer.
public struct ControlClient: Sendable {
    /// Path of the collector's socket.
    public var socketPath: String
    /// Seconds to wait for the answer.
    public var timeout: Double

    /// Creates a client.
    public init(socketPath: String, timeout: Double = 30) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// Sends `op` with `params` and returns the result, or throws ``ControlClientError``.
    public func send(_ op: ControlOperation, params: JSONObject = JSONObject(), timeout: Double? = nil) async throws -> JSONValue {
        let request = ControlRequest(id: UUID().uuidString.lowercased(), op: op.rawValue, params: params)
        let path = socketPath
        let wait = timeout ?? self.timeout
        return try await withCheckedThrowingContinuation { continuation in
            // A dedicated thread: the exchange blocks, and on Linux the global dispatch queue is the
            // pool Swift tasks run on, so blocking it can starve the very tasks that would answer.
            let thread = Thread {
                continuation.resume(with: Result { try ControlClient.exchange(request, path: path, timeout: wait) })
            }
            thread.start()
        }
    }

    static func exchange(_ request: ControlRequest, path: String, timeout: Double) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        let socket: UnixSocket
        do {
            socket = try UnixSocket.connect(path: path)
        } catch {
            throw ControlClientError.unavailable("\(error)")
        }
        defer { socket.close() }
        do {
            try socket.write(Data((request.line + "\n").utf8), deadline: deadline)
            guard let line = try socket.readLine(maxBytes: 16 << 20, deadline: deadline) else {
                throw ControlClientError.protocolViolation("Collector closed the connection without answering")
            }
            let response = try ControlResponse.parse(line)
            if let error = response.error {
                throw ControlClientError.remote(code: error.code, message: error.message)
            }
            return response.result ?? .null
        } catch UnixSocketError.timedOut {
            throw ControlClientError.timeout
        } catch let error as ControlClientError {
            throw error
        } catch {
            throw ControlClientError.unavailable("\(error)")
        }
    }
}
