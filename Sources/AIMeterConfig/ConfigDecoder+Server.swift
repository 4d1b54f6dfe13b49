import Foundation

extension KeySchema {
    static let root = KeySchema(
        subject: "the configuration",
        keys: ["server", "database", "collector", "auth", "providers"],
        renamed: [
            "runtime": "aimeter has no runtime section; for a demo without accounts add a provider with `provider: demo`"
        ])
    static let server = KeySchema(
        subject: "server settings",
        keys: ["host", "port", "protocol", "trustedProxies"],
        renamed: [
            "backendPort": "AIMeter's server.backendPort is called server.port in aimeter",
            "frontendPort": "aimeter serves no frontend dev server; remove server.frontendPort",
            "apiUrl": "server.apiUrl is a build-time setting of AIMeter's web UI; remove it",
        ])
}

extension ConfigDecoder {
    mutating func decodeServer(_ node: ConfigNode?) -> ServerConfig {
        let map = mapping(node, at: "server", schema: .server)
        var server = ServerConfig()
        if let host = string(map, "host", env: "AIMETER_SERVER_HOST") {
            if host.contains(where: \.isWhitespace) {
                report(map.path("host"), "must be a host name or IP address without spaces", line: map["host"]?.line)
            } else {
                server.host = host
            }
        }
        if let port = integer(map, "port", env: "AIMETER_BACKEND_PORT", range: 1...65535) {
            server.port = port
        }
        if let setting = raw(map, "protocol", env: "AIMETER_SERVER_PROTOCOL", expected: "http or https") {
            let text = setting.text.trimmingCharacters(in: .whitespaces).lowercased()
            if let value = ServerProtocol(rawValue: text) {
                server.protocol = value
            } else {
                report(map.path("protocol"), "must be http or https, got \(quoted(setting.text))\(setting.sourceSuffix)", line: setting.line)
            }
        }
        server.trustedProxies = decodeTrustedProxies(map)
        return server
    }

    private mutating func decodeTrustedProxies(_ map: MappingNode) -> [String] {
        let keyPath = map.path("trustedProxies")
        var entries: [(text: String, path: String, line: Int?, suffix: String)] = []
        if let entry = map.value("trustedProxies") {
            record(keyPath, .configFile)
            guard case .sequence(let items) = entry.value.content else {
                report(keyPath, "must be a list of IP addresses or CIDRs, not \(entry.value.kindDescription)", line: entry.line)
                return []
            }
            for (index, item) in items.enumerated() {
                let itemPath = "\(keyPath)[\(index)]"
                record(itemPath, line: item.line)
                let itemEntry = ConfigNode.Entry(key: "", value: item, line: item.line)
                if let text = scalarText(itemEntry, at: itemPath, expected: "an IP address or CIDR")?.text {
                    entries.append((text, itemPath, item.line, ""))
                }
            }
        } else if let text = environment["AIMETER_TRUSTED_PROXIES"], !text.isEmpty {
            record(keyPath, .environment("AIMETER_TRUSTED_PROXIES"))
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            entries = parts.map { ($0, keyPath, nil, " (from AIMETER_TRUSTED_PROXIES)") }
        } else {
            record(keyPath, .defaultValue)
        }
        var proxies: [String] = []
        for entry in entries {
            let text = entry.text.trimmingCharacters(in: .whitespaces)
            if IPNetwork(text) == nil {
                report(
                    entry.path, "\(quoted(text)) is not an IPv4/IPv6 address or CIDR (like 10.0.0.0/8 or fd00::/8)\(entry.suffix)",
                    line: entry.line)
            } else {
                proxies.append(text)
            }
        }
        return proxies
    }
}
