import CAIMeterSys
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A connected or listening Unix stream socket with the few blocking operations the control
/// channel needs. Every read and write takes a deadline, so a stuck peer never hangs a caller.
public final class UnixSocket: @unchecked Sendable {
    /// The file descriptor; -1 once closed.
    public private(set) var descriptor: Int32
    private let lock = NSLock()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Closes the socket (idempotent).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Connects to the socket at `path`.
    public static func connect(path: String) throws -> UnixSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw UnixSocketError.system("socket", errno) }
        let socket = UnixSocket(descriptor: fd)
        var address = try makeAddress(path)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw UnixSocketError.system("connect", errno) }
        return socket
    }

    /// Creates, binds and listens on `path` with the given file mode. A stale socket file left by
    /// a crashed process is removed first; a live one (something answers) is an error.
    public static func listen(path: String, mode: mode_t = 0o660, backlog: Int32 = 64) throws -> UnixSocket {
        if FileManager.default.fileExists(atPath: path) {
            if let probe = try? connect(path: path) {
                probe.close()
                throw UnixSocketError.addressInUse(path)
            }
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw UnixSocketError.system("socket", errno) }
        let socket = UnixSocket(descriptor: fd)
        var address = try makeAddress(path)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw UnixSocketError.system("bind", errno) }
        guard chmod(path, mode) == 0 else { throw UnixSocketError.system("chmod", errno) }
        guard Glibc.listen(fd, backlog) == 0 else { throw UnixSocketError.system("listen", errno) }
        return socket
    }

    /// Waits up to `timeout` seconds for a connection; nil when none arrived.
    public func accept(timeout: Double) throws -> UnixSocket? {
        guard try waitFor(events: Int16(POLLIN), timeout: timeout) else { return nil }
        let fd = Glibc.accept(descriptor, nil, nil)
        guard fd >= 0 else {
            if errno == EAGAIN || errno == EINTR || errno == ECONNABORTED { return nil }
            throw UnixSocketError.system("accept", errno)
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return UnixSocket(descriptor: fd)
    }

    /// The peer's process, user and group ids (SO_PEERCRED).
    public func peerCredentials() throws -> (pid: Int32, uid: UInt32, gid: UInt32) {
        var pid: pid_t = 0
        var uid: uid_t = 0
        var gid: gid_t = 0
        guard aimeter_peer_credentials(descriptor, &pid, &uid, &gid) == 0 else {
            throw UnixSocketError.system("getsockopt(SO_PEERCRED)", errno)
        }
        return (pid, uid, gid)
    }

    /// Writes all of `data` before `deadline`.
    public func write(_ data: Data, deadline: Date) throws {
        var offset = 0
        while offset < data.count {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, try waitFor(events: Int16(POLLOUT), timeout: remaining) else {
                throw UnixSocketError.timedOut
            }
            let written = data.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + offset, data.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw UnixSocketError.system("send", errno)
            }
            offset += written
        }
    }

    /// Reads one `\n`-terminated line (without the newline) before `deadline`.
    /// Returns nil when the peer closed the connection before sending anything.
    public func readLine(maxBytes: Int, deadline: Date) throws -> String? {
        var buffer = Data()
        var byte: UInt8 = 0
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, try waitFor(events: Int16(POLLIN), timeout: remaining) else {
                throw UnixSocketError.timedOut
            }
            let count = recv(descriptor, &byte, 1, 0)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw UnixSocketError.system("recv", errno)
            }
            if count == 0 {
                if buffer.isEmpty { return nil }
                throw UnixSocketError.closedMidLine
            }
            if byte == UInt8(ascii: "\n") { return String(decoding: buffer, as: UTF8.self) }
            buffer.append(byte)
            if buffer.count > maxBytes { throw UnixSocketError.lineTooLong(maxBytes) }
        }
    }

    private func waitFor(events: Int16, timeout: Double) throws -> Bool {
        var descriptorSet = pollfd(fd: descriptor, events: events, revents: 0)
        let milliseconds = Int32(Swift.max(0, Swift.min(timeout, 3600)) * 1000)
        while true {
            let result = poll(&descriptorSet, 1, milliseconds)
            if result < 0 {
                if errno == EINTR { continue }
                throw UnixSocketError.system("poll", errno)
            }
            return result > 0
        }
    }

    private static func makeAddress(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { throw UnixSocketError.pathTooLong(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        return address
    }
}

/// A Unix socket operation failed.
public enum UnixSocketError: Error, Sendable, Equatable, CustomStringConvertible {
    case system(String, Int32)
    case timedOut
    case closedMidLine
    case lineTooLong(Int)
    case pathTooLong(String)
    case addressInUse(String)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .timedOut: "timed out"
        case .closedMidLine: "connection closed in the middle of a line"
        case .lineTooLong(let limit): "line longer than \(limit) bytes"
        case .pathTooLong(let path): "socket path too long: \(path)"
        case .addressInUse(let path): "another process is listening on \(path)"
        }
    }
}
