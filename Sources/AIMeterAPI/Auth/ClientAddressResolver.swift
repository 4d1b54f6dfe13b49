import AIMeterConfig
import Foundation

/// Finds the client's address for rate limiting and the access log.
///
/// AIMeter believes the first `X-Forwarded-For` entry from anyone, so a client can pick its own
/// rate-limit key. aimeter believes the header only when the TCP peer is inside
/// `server.trustedProxies`, and then takes the right-most entry that is not itself a trusted
/// proxy: that is the address the outermost trusted proxy saw.
public struct ClientAddressResolver: Sendable {
    /// Networks whose `X-Forwarded-For` is believed.
    public var trustedProxies: [IPNetwork]

    /// Creates a resolver.
    public init(trustedProxies: [IPNetwork]) {
        self.trustedProxies = trustedProxies
    }

    /// The client address.
    /// - Parameters:
    ///   - peer: the TCP peer's address, nil when unknown.
    ///   - forwardedFor: every `X-Forwarded-For` header value in order.
    public func resolve(peer: String?, forwardedFor: [String]) -> String {
        guard let peer else { return "unknown" }
        let peerAddress = Self.normalized(peer)
        guard isTrusted(peerAddress) else { return peerAddress }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { Self.normalized(Self.stripPort(String($0).trimmingCharacters(in: .whitespaces))) }
            .filter { !$0.isEmpty }
        for hop in hops.reversed() where !isTrusted(hop) {
            return hop
        }
        // Every hop is a trusted proxy: the left-most one is the furthest we can see.
        return hops.first ?? peerAddress
    }

    /// Whether `address` lies in a trusted network.
    public func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// `::ffff:10.0.0.1` → `10.0.0.1`, so logs and keys look the same for both socket families.
    static func normalized(_ address: String) -> String {
        guard address.hasPrefix("::") else { return address }
        let lower = address.lowercased()
        if lower.hasPrefix("::ffff:"), lower.dropFirst(7).contains(".") {
            return String(address.dropFirst(7))
        }
        return address
    }

    /// `[::1]:443` → `::1`, `10.0.0.1:8080` → `10.0.0.1`; anything else unchanged.
    static func stripPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            return String(hop[hop.index(after: hop.startIndex)..<close])
        }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") {
            return String(hop[..<colon])
        }
        return hop
    }
}
