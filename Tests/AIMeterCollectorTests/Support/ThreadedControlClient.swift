import AIMeterControl
import AIMeterCore
import Foundation

/// Sends one control request like `ControlClient`, but does the blocking socket work on a
/// thread of its own. `ControlClient` blocks a Dispatch global-queue thread per request, and on
/// a 2-core machine parallel tests can occupy every such thread while the collector's answer
/// needs one of them to run.
struct ThreadedControlClient {
    let socketPath: String
    let timeout: TimeInterval

    func send(_ op: ControlOperation, params: JSONObject) async throws -> JSONValue {
        let request = ControlRequest(id: UUID().uuidString.lowercased(), op: op.rawValue, params: params)
        let path = socketPath
        let deadline = Date().addingTimeInterval(timeout)
        let response: Result<ControlResponse, any Error> = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: Result {
                        let socket = try UnixSocket.connect(path: path)
                        defer { socket.close() }
                        try socket.write(Data((request.line + "\n").utf8), deadline: deadline)
                        guard let line = try socket.readLine(maxBytes: 16 << 20, deadline: deadline) else {
                            throw ControlClientError.protocolViolation("closed without answering")
                        }
                        return try ControlResponse.parse(line)
                    })
            }.start()
        }
        let answer = try response.get()
        if let error = answer.error { throw ControlClientError.remote(code: error.code, message: error.message) }
        return answer.result ?? .null
    }
}
