import AIMeterControl
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The collector's end of the control socket: accepts connections on a thread of its own and
/// serves each connection on another, one request line and one response line at a time, so the
/// blocking socket calls never occupy the Swift concurrency pool.
final class ControlServer: Sendable {
    /// Longest accepted request line (bytes).
    static let maximumLineBytes = 1 << 20
    /// A connection idle this long is closed.
    static let idleTimeout: TimeInterval = 300
    /// Connections served at once; more are refused with `BUSY`.
    static let maximumConnections = 64

    let path: String
    private let listener: UnixSocket
    let dispatcher: ControlDispatcher
    let policy: PeerPolicy
    let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var isStopped = false
        var connections: [Int32: UnixSocket] = [:]
    }

    /// Creates the socket at `path` (parent directory created; mode 0660). Nothing is served
    /// until ``start()``.
    init(path: String, dispatcher: ControlDispatcher, policy: PeerPolicy = .current, logger: Logger) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.listener = try UnixSocket.listen(path: path, mode: 0o660)
        self.path = path
        self.dispatcher = dispatcher
        self.policy = policy
        self.logger = logger
    }

    /// Starts accepting connections.
    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "aimeter-control-accept"
        thread.start()
    }

    /// Stops accepting, closes every connection and removes the socket file.
    func stop() {
        let connections = state.withLock { state -> [UnixSocket] in
            guard !state.isStopped else { return [] }
            state.isStopped = true
            return Array(state.connections.values)
        }
        // shutdown() wakes threads blocked in poll() on these sockets; close() alone would not.
        _ = Glibc.shutdown(listener.descriptor, Int32(SHUT_RDWR))
        for connection in connections { _ = Glibc.shutdown(connection.descriptor, Int32(SHUT_RDWR)) }
        unlink(path)
    }

    private var isStopped: Bool { state.withLock { $0.isStopped } }

    private func acceptLoop() {
        while !isStopped {
            let connection: UnixSocket?
            do {
                connection = try listener.accept(timeout: 0.5)
            } catch {
                if isStopped { break }
                logger.error("Control socket accept failed", metadata: ["error": "\(error)"])
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            guard let connection else { continue }
            admit(connection)
        }
        listener.close()
    }

    private func admit(_ connection: UnixSocket) {
        let admitted = state.withLock { state -> Bool in
            guard !state.isStopped, state.connections.count < Self.maximumConnections else { return false }
            state.connections[connection.descriptor] = connection
            return true
        }
        guard admitted else {
            send(.failure(id: "", code: "BUSY", message: "Too many control connections"), on: connection)
            connection.close()
            return
        }
        let thread = Thread { [self] in
            serve(connection)
            state.withLock { _ = $0.connections.removeValue(forKey: connection.descriptor) }
            connection.close()
        }
        thread.name = "aimeter-control-connection"
        thread.start()
    }
}
