import AIMeterControl
import Foundation
import Logging
import Synchronization

extension ControlServer {
    /// Serves one connection until the peer closes it, goes idle or misbehaves.
    func serve(_ connection: UnixSocket) {
        guard checkPeer(connection) else { return }
        while true {
            let line: String?
            do {
                line = try connection.readLine(maxBytes: Self.maximumLineBytes, deadline: Date().addingTimeInterval(Self.idleTimeout))
            } catch UnixSocketError.lineTooLong(let limit) {
                // The rest of the line is still unread, so the stream cannot be resynchronised: answer and close.
                send(.failure(id: "", code: "LINE_TOO_LONG", message: "Request line longer than \(limit) bytes"), on: connection)
                return
            } catch {
                return
            }
            guard let line else { return }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let response = waitFor { [dispatcher] in await dispatcher.respond(to: line) }
            guard send(response, on: connection) else { return }
        }
    }

    private func checkPeer(_ connection: UnixSocket) -> Bool {
        do {
            let peer = try connection.peerCredentials()
            if policy.allows(peerUid: peer.uid, peerGid: peer.gid) { return true }
            logger.warning("Refused a control connection", metadata: ["peer.uid": "\(peer.uid)", "peer.gid": "\(peer.gid)", "peer.pid": "\(peer.pid)"])
        } catch {
            logger.warning("Cannot read control peer credentials", metadata: ["error": "\(error)"])
        }
        send(.failure(id: "", code: "FORBIDDEN", message: "This user may not use the collector's control socket"), on: connection)
        return false
    }

    /// Writes one response line; false when the peer is gone.
    @discardableResult
    func send(_ response: ControlResponse, on connection: UnixSocket) -> Bool {
        do {
            try connection.write(Data((response.line + "\n").utf8), deadline: Date().addingTimeInterval(10))
            return true
        } catch {
            return false
        }
    }

    /// Runs async work from this (non-pool) thread and blocks the thread until it is done.
    private func waitFor(_ work: @escaping @Sendable () async -> ControlResponse) -> ControlResponse {
        let result = Mutex<ControlResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let response = await work()
            result.withLock { $0 = response }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 } ?? .failure(id: "", code: "INTERNAL_ERROR", message: "No response was produced")
    }
}
