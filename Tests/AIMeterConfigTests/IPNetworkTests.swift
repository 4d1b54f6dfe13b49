import Testing

@testable import AIMeterConfig

@Suite("IPNetwork")
struct IPNetworkTests {
    @Test("addresses and CIDRs parse", arguments: [
        ("10.0.0.0/8", "10.0.0.0/8"), ("192.168.1.77/24", "192.168.1.0/24"), ("127.0.0.1", "127.0.0.1/32"), ("::1", "::1/128"),
        ("fd00::/8", "fd00::/8"), ("0.0.0.0/0", "0.0.0.0/0"), (" 172.16.0.0/12 ", "172.16.0.0/12"),
    ])
    func parses(text: String, canonical: String) throws {
        let network = try #require(IPNetwork(text))
        #expect(network.description == canonical)
    }

    @Test("invalid entries are rejected", arguments: ["", "10.0.0.0/33", "::/129", "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "host.local", "1.2.3.4/8/9", "fe80::1%eth0"])
    func rejects(text: String) {
        #expect(IPNetwork(text) == nil)
    }

    @Test("membership for IPv4, IPv6 and IPv4-mapped IPv6")
    func contains() throws {
        let v4 = try #require(IPNetwork("10.1.0.0/16"))
        #expect(v4.contains("10.1.255.3"))
        #expect(!v4.contains("10.2.0.1"))
        #expect(v4.contains("::ffff:10.1.2.3"))
        #expect(!v4.contains("garbage"))
        let v6 = try #require(IPNetwork("fd00::/8"))
        #expect(v6.contains("fd12:3456::1"))
        #expect(!v6.contains("fe80::1"))
        #expect(!v6.contains("10.1.2.3"))
        let config = ServerConfig(trustedProxies: ["127.0.0.1", "fd00::/8"])
        #expect(config.trustedProxyNetworks.count == 2)
    }
}
