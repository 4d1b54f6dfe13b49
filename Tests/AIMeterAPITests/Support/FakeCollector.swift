import AIMeterControl
import AIMeterCore
import Foundation
import Synchronization

/// A real Unix-socket listener that answers control requests with canned responses, standing in
/// for `aimeter-collector` in router tests.
final class FakeCollector: Sendable {
    /// How to answer one request: a result, an error, or silence (to provoke a timeout).
    enum Answer: Sendable {
        case result(JSONValue)
        case error(code: String, message: String)
        case silence
    }

    let socketPath: String
    private let listener: UnixSocket
    private let state = Mutex(State())
    private let answer: @Sendable (ControlRequest) -> Answer

    private struct State {
        var requests: [ControlRequest] = []
        var stopped = false
        var held: [UnixSocket] = []
    }

    /// Starts listening on a fresh path under `directory`.
    init(directory: URL, answer: @escaping @Sendable (ControlRequest) -> Answer) throws {
        socketPath = directory.appendingPathComponent("c.sock").path
        listener = try UnixSocket.listen(path: socketPath)
        self.answer = answer
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    /// The requests received so far.
    var requests: [ControlRequest] { state.withLock { $0.requests } }

    /// Stops accepting and closes held connections.
    func stop() {
        let held = state.withLock { state -> [UnixSocket] in
            state.stopped = true
            return state.held
        }
        held.forEach { $0.close() }
        listener.close()
    }

    private func serve() {
        while !state.withLock({ $0.stopped }) {
            guard let connection = try? listener.accept(timeout: 0.05) else { continue }
            let deadline = Date().addingTimeInterval(5)
            guard let line = try? connection.readLine(maxBytes: 1 << 20, deadline: deadline),
                let request = try? ControlRequest.parse(line)
            else {
                connection.close()
                continue
            }
            state.withLock { $0.requests.append(request) }
            let response: ControlResponse
            switch answer(request) {
            case .result(let value): response = .success(id: request.id, result: value)
            case .error(let code, let message): response = .failure(id: request.id, code: code, message: message)
            case .silence:
                state.withLock { $0.held.append(connection) }
                continue
            }
            try? connection.write(Data((response.line + "\n").utf8), deadline: deadline)
            connection.close()
        }
    }
}
