import Foundation

/// One HTTP/1.1 exchange over a fresh TCP connection, written byte for byte: unlike URLSession it
/// sends any method, header or body the fuzzer makes up, including ones no client library would.
enum RawHTTP {
    /// A parsed answer.
    struct Response: Sendable {
        /// Status code of the status line.
        var status: Int
        /// Header fields in order, names lower-cased.
        var headers: [(name: String, value: String)]
        /// The decoded body (chunked transfer coding removed).
        var body: [UInt8]

        /// The first value of header `name` (case-insensitive).
        func header(_ name: String) -> String? {
            headers.first { $0.name == name.lowercased() }?.value
        }

        /// The body as UTF-8 text.
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Why an exchange failed.
    enum Failure: Error, CustomStringConvertible {
        case connect(Int32)
        case timedOut
        case malformed(String)

        var description: String {
            switch self {
            case .connect(let code): "connect failed: errno \(code)"
            case .timedOut: "no complete answer in time"
            case .malformed(let head): "unparsable answer: \(head.prefix(200))"
            }
        }
    }

    /// A request's bytes: `Host` and `Connection: close` first, then `headers` as given, then
    /// `Content-Length` when there is a body.
    static func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }

    /// Sends `bytes` to `127.0.0.1:port` and reads until the server closes the connection.
    /// Returns nil when the server closed (or reset) it without answering anything.
    static func exchange(port: Int, _ bytes: [UInt8], isHead: Bool = false, timeout: Double = 10) throws -> Response? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(errno) }
        defer { close(fd) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.connect(errno) }
        // The server may answer (413) and close before the whole body is written; stop writing
        // then and read what it said.
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure.timedOut }
                break
            }
            offset += sent
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 || errno == ECONNRESET {
                break
            } else if errno != EINTR {
                throw Failure.timedOut
            }
        }
        guard !received.isEmpty else { return nil }
        return try parse(received, isHead: isHead)
    }

    static func parse(_ bytes: [UInt8], isHead: Bool) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: separator) else {
            throw Failure.malformed(String(decoding: bytes, as: UTF8.self))
        }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw Failure.malformed(head)
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let rest = Array(bytes[end.upperBound...])
        var response = Response(status: status, headers: headers, body: [])
        if isHead || status == 204 || status == 304 { return response }
        if response.header("transfer-encoding")?.lowercased().contains("chunked") == true {
            response.body = try dechunk(rest)
        } else if let length = response.header("content-length").flatMap({ Int($0) }) {
            guard rest.count >= length else { throw Failure.malformed("body cut at \(rest.count) of \(length) bytes") }
            response.body = Array(rest.prefix(length))
        } else {
            response.body = rest
        }
        return response
    }

    static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var body: [UInt8] = []
        var index = 0
        let crlf: [UInt8] = [13, 10]
        while let lineEnd = bytes[index...].firstRange(of: crlf) {
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else { throw Failure.malformed(sizeText) }
            if size == 0 { return body }
            let start = lineEnd.upperBound
            guard start + size <= bytes.count else { throw Failure.malformed("chunk cut short") }
            body += bytes[start..<start + size]
            index = start + size + 2
            guard index <= bytes.count else { break }
        }
        throw Failure.malformed("chunked body without its last chunk")
    }
}
