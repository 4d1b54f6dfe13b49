import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP server on `127.0.0.1` for the upstream faults an HTTP framework cannot produce:
/// a server that never answers, one that resets the connection, and one that streams a huge
/// chunked body without a `Content-Length` (so the client cannot refuse it up front).
///
/// Every connection is served on its own thread with blocking sockets; ``stop()`` closes the
/// listening socket and every open connection.
///
/// ```swift
/// let silent = try FaultyUpstream.start(.silent)
/// // ... point a provider's baseUrl at silent.baseURL ...
/// #expect(silent.connections == 1)
/// silent.stop()
/// ```
public final class FaultyUpstream: Sendable {
    /// What the server does once it has read a request's head.
    public enum Behaviour: Sendable {
        /// Never answers; keeps the connection open until the client gives up.
        case silent
        /// Resets the connection (`SO_LINGER` 0 then `close`: the client sees a TCP RST).
        case reset
        /// `200` with a chunked body of `bytes` bytes of `x`, written as fast as the client reads.
        case chunkedFlood(bytes: Int)
    }

    private struct State {
        var acceptedAt: [Date] = []
        var bodyBytesSent = 0
        var openSockets: Set<Int32> = []
        var isStopped = false
    }

    /// The bound port.
    public let port: Int
    /// `http://127.0.0.1:<port>`, for a provider's `baseUrl`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let behaviour: Behaviour
    private let listener: Int32
    private let state = Mutex(State())

    private init(behaviour: Behaviour, listener: Int32, port: Int) {
        self.behaviour = behaviour
        self.listener = listener
        self.port = port
    }

    /// Listens on a free port and starts accepting connections.
    public static func start(_ behaviour: Behaviour) throws -> FaultyUpstream {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw FaultyUpstreamError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 64) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(listener)
            throw FaultyUpstreamError.socket(code)
        }
        let server = FaultyUpstream(behaviour: behaviour, listener: listener, port: Int(UInt16(bigEndian: address.sin_port)))
        let thread = Thread { server.acceptLoop() }
        thread.name = "faulty-upstream"
        thread.start()
        return server
    }

    /// When each connection so far was accepted.
    public var acceptedAt: [Date] { state.withLock { $0.acceptedAt } }

    /// Connections accepted so far.
    public var connections: Int { acceptedAt.count }

    /// Body bytes the ``Behaviour/chunkedFlood(bytes:)`` server managed to write before the
    /// client stopped reading (or the whole body).
    public var bodyBytesSent: Int { state.withLock { $0.bodyBytesSent } }

    /// Stops accepting and closes every open connection.
    public func stop() {
        // shutdown() wakes threads blocked in accept/recv/send; each thread closes its own
        // socket. Under the lock, so no descriptor is closed (and reused) in between.
        state.withLock { state in
            state.isStopped = true
            for socket in state.openSockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let admitted = state.withLock { state -> Bool in
                guard !state.isStopped else { return false }
                state.acceptedAt.append(Date())
                state.openSockets.insert(client)
                return true
            }
            guard admitted else {
                close(client)
                return
            }
            let thread = Thread { self.serve(client) }
            thread.name = "faulty-upstream-connection"
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer {
            state.withLock { _ = $0.openSockets.remove(client) }
            close(client)
        }
        guard readRequestHead(client) else { return }
        switch behaviour {
        case .silent:
            // Drain whatever the client sends until it hangs up (or stop() shuts the socket).
            var buffer = [UInt8](repeating: 0, count: 1024)
            while recv(client, &buffer, buffer.count, 0) > 0 {}
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        case .chunkedFlood(let bytes):
            flood(client, bytes: bytes)
        }
    }

    /// Reads until the blank line that ends the request head; false if the client hung up first.
    private func readRequestHead(_ client: Int32) -> Bool {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        while received.count < 64 * 1024 {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return false }
            received.append(contentsOf: buffer[0..<count])
            if received.firstRange(of: terminator) != nil { return true }
        }
        return true
    }

    private func flood(_ client: Int32, bytes: Int) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        guard sendAll(client, Array(head.utf8)) else { return }
        let chunkSize = 64 * 1024
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: chunkSize)
        var left = bytes
        while left > 0 {
            let size = min(left, chunkSize)
            let frame = Array(String(size, radix: 16).utf8) + [13, 10] + payload[0..<size] + [13, 10]
            guard sendAll(client, frame) else { return }
            state.withLock { $0.bodyBytesSent += size }
            left -= size
        }
        _ = sendAll(client, Array("0\r\n\r\n".utf8))
    }

    private func sendAll(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

/// Why ``FaultyUpstream/start(_:)`` failed.
public enum FaultyUpstreamError: Error, Sendable {
    /// A socket call failed with this `errno`.
    case socket(Int32)
}
