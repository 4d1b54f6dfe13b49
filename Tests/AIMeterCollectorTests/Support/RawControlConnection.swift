import AIMeterControl
import AIMeterCore
import Foundation

/// A control-socket connection that writes raw bytes, to send what a well-behaved client never would.
struct RawControlConnection {
    let socket: UnixSocket

    init(path: String) throws {
        socket = try UnixSocket.connect(path: path)
    }

    /// Sends `line` plus a newline and returns the parsed response line (nil when the server closed).
    func exchange(_ line: String) throws -> JSONValue? {
        try socket.write(Data((line + "\n").utf8), deadline: Date().addingTimeInterval(10))
        return try readResponse()
    }

    func readResponse() throws -> JSONValue? {
        guard let response = try socket.readLine(maxBytes: 1 << 20, deadline: Date().addingTimeInterval(10)) else { return nil }
        return try JSONValue.parse(response)
    }
}
