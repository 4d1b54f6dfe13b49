import Foundation

/// A TCP port on 127.0.0.1 that was free a moment ago (`server.port` does not accept 0).
enum LoopbackPort {
    struct Unavailable: Error {}

    /// Binds port 0, reads the port the kernel chose, and closes the socket again.
    static func free() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Unavailable() }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard named else { throw Unavailable() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
