import Testing

@testable import AIMeterConfig

/// One invalid configuration and the problem it must produce.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var keyPath: String
    var fragment: String

    var testDescription: String { name }

    init(_ name: String, _ yaml: String, _ keyPath: String, _ fragment: String) {
        self.name = name
        self.yaml = yaml
        self.keyPath = keyPath
        self.fragment = fragment
    }

    static let settings: [InvalidCase] = [
        .init("port 0", "server: { port: 0 }", "server.port", "must be between 1 and 65535, got 0"),
        .init("port 65536", "server: { port: 65536 }", "server.port", "must be between 1 and 65535, got 65536"),
        .init("port text", "server: { port: web }", "server.port", "must be an integer, got \"web\""),
        .init("port decimal", "server: { port: 80.5 }", "server.port", "must be a whole number"),
        .init("port boolean", "server: { port: true }", "server.port", "not a boolean"),
        .init("port list", "server: { port: [1] }", "server.port", "must be an integer, not a list"),
        .init("host with space", "server: { host: 'my host' }", "server.host", "without spaces"),
        .init("protocol", "server: { protocol: ftp }", "server.protocol", "must be http or https, got \"ftp\""),
        .init("proxies not a list", "server: { trustedProxies: 10.0.0.0/8 }", "server.trustedProxies", "must be a list"),
        .init("proxy prefix", "server: { trustedProxies: [10.0.0.0/33] }", "server.trustedProxies[0]", "is not an IPv4/IPv6 address or CIDR"),
        .init("proxy name", "server: { trustedProxies: [\"::1\", proxy.local] }", "server.trustedProxies[1]", "\"proxy.local\" is not"),
        .init("server not a mapping", "server: 8080", "server", "must be a mapping of server settings, not a number"),
        .init("database path list", "database: { path: [a] }", "database.path", "must be a string, not a list"),
        .init("encryption key short", "database: { encryptionKey: abc }", "database.encryptionKey", "at least 16 characters (it has 3)"),
        .init("encryption key placeholder", "database: { encryptionKey: replace-with-a-long-random-key }", "database.encryptionKey", "placeholder"),
        .init("socket too long", "collector: { socket: /\(String(repeating: "s", count: 120)) }", "collector.socket", "limited to 107 bytes"),
        .init("concurrency 0", "collector: { concurrency: 0 }", "collector.concurrency", "between 1 and 256, got 0"),
        .init("concurrency 257", "collector: { concurrency: 257 }", "collector.concurrency", "between 1 and 256, got 257"),
        .init("timeout 0.5", "collector: { requestTimeoutSeconds: 0.5 }", "collector.requestTimeoutSeconds", "between 1 and 300, got 0.5"),
        .init("timeout 301", "collector: { requestTimeoutSeconds: 301 }", "collector.requestTimeoutSeconds", "between 1 and 300, got 301"),
        .init("timeout text", "collector: { requestTimeoutSeconds: soon }", "collector.requestTimeoutSeconds", "must be a number"),
        .init("retention 0", "collector: { retentionDays: 0 }", "collector.retentionDays", "must be at least 1, got 0"),
        .init("session ttl 299", "auth: { sessionTtlSeconds: 299 }", "auth.sessionTtlSeconds", "must be at least 300, got 299"),
        .init("windowMs floor", "auth: { rateLimit: { windowMs: 9999 } }", "auth.rateLimit.windowMs", "must be at least 10000, got 9999"),
        .init("maxAttempts floor", "auth: { rateLimit: { maxAttempts: 0 } }", "auth.rateLimit.maxAttempts", "must be at least 1, got 0"),
        .init("blockMs floor", "auth: { rateLimit: { blockMs: 14999 } }", "auth.rateLimit.blockMs", "must be at least 15000, got 14999"),
        .init("hash plain text", "auth: { normalPasswordHash: mypassword123 }", "auth.normalPasswordHash", "is not a password hash"),
        .init("hash iterations", "auth: { adminPasswordHash: 'pbkdf2_sha256$many$AAAA$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY' }",
              "auth.adminPasswordHash", "invalid iteration count"),
        .init("hash empty salt", "auth: { adminPasswordHash: 'pbkdf2_sha256$100000$$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY' }",
              "auth.adminPasswordHash", "salt"),
        .init("hash short digest", "auth: { adminPasswordHash: 'pbkdf2_sha256$100000$AAAA$9EMXQ1jf' }", "auth.adminPasswordHash", "digest"),
        .init("hash 63 hex", "auth: { adminPasswordHash: \(String(repeating: "a", count: 63)) }", "auth.adminPasswordHash", "not a password hash"),
        .init("endpoint secret 31", "auth: { endpointSecret: \(String(repeating: "b", count: 31)) }", "auth.endpointSecret",
              "exactly 32 characters (it has 31)"),
        .init("endpoint secret 33", "auth: { endpointSecret: \(String(repeating: "b", count: 33)) }", "auth.endpointSecret",
              "exactly 32 characters (it has 33)"),
        .init("endpoint secret placeholder", "auth: { endpointSecret: replace-with-32-random-hex-char }", "auth.endpointSecret",
              "placeholder \"replace-with\""),
        .init("cron secret placeholder", "auth: { cronSecret: CHANGE-ME-0123456789abcdef012345 }", "auth.cronSecret", "placeholder \"change-me\""),
        .init("metrics token short", "auth: { metricsToken: short }", "auth.metricsToken", "at least 16 characters (it has 5)"),
    ]

    static let providers: [InvalidCase] = [
        .init("providers mapping", "providers: { provider: claude }", "providers", "must be a list of provider entries"),
        .init("entry not a mapping", "providers: [claude]", "providers[0]", "must be a mapping of a provider entry, not a string"),
        .init("missing provider", "providers:\n  - name: x", "providers[0].provider", "is required; valid types: aliyun, antigravity"),
        .init("unknown provider", "providers:\n  - provider: claud", "providers[0].provider",
              "unknown provider type \"claud\" (did you mean \"claude\"?); valid types: aliyun"),
        .init("unknown provider far", "providers:\n  - provider: bard", "providers[0].provider", "codex-proxy, custom, demo"),
        .init("id characters", "providers:\n  - { provider: demo, id: 'bad id!' }", "providers[0].id", "\"bad id!\" is not a valid id"),
        .init("id too long", "providers:\n  - { provider: demo, id: \(String(repeating: "x", count: 65)) }", "providers[0].id", "1 to 64"),
        .init("interval negative", "providers:\n  - { provider: demo, refreshInterval: -1 }", "providers[0].refreshInterval", "got -1"),
        .init("interval decimal", "providers:\n  - { provider: demo, refreshInterval: 2.5 }", "providers[0].refreshInterval", "whole number"),
        .init("baseUrl scheme", "providers:\n  - { provider: demo, baseUrl: 'ftp://x.test' }", "providers[0].baseUrl", "absolute http:// or https://"),
        .init("baseUrl relative", "providers:\n  - { provider: demo, baseUrl: relay.test/v1 }", "providers[0].baseUrl", "absolute"),
        .init("baseUrl userinfo", "providers:\n  - { provider: demo, baseUrl: 'https://u:p@x.test' }", "providers[0].baseUrl", "user:password"),
        .init("baseUrl query", "providers:\n  - { provider: demo, baseUrl: 'https://x.test/?a=1' }", "providers[0].baseUrl", "query"),
        .init("credentials string", "providers:\n  - { provider: openrouter, credentials: sk-123 }", "providers[0].credentials",
              "must be a mapping of credentials, not a string"),
        .init("credentials type missing", "providers:\n  - { provider: openrouter, credentials: { value: k } }", "providers[0].credentials.type",
              "is required: one of api_key, cookie, jwt, oauth"),
        .init("credentials type typo", "providers:\n  - { provider: openrouter, credentials: { type: apikey, value: k } }",
              "providers[0].credentials.type", "unknown credential type \"apikey\" (did you mean \"api_key\"?)"),
        .init("api_key without value", "providers:\n  - { provider: openrouter, credentials: { type: api_key } }",
              "providers[0].credentials.value", "is required for api_key credentials"),
        .init("cookie without value", "providers:\n  - { provider: cursor, credentials: { type: cookie } }",
              "providers[0].credentials.value", "is required for cookie credentials"),
        .init("jwt without value", "providers:\n  - { provider: kimi, credentials: { type: jwt, value: '' } }",
              "providers[0].credentials.value", "is required for jwt credentials"),
        .init("oauth without token", "providers:\n  - { provider: codex, credentials: { type: oauth, refreshToken: r } }",
              "providers[0].credentials.accessToken", "is required for oauth credentials"),
        .init("expiresAt text", "providers:\n  - { provider: codex, credentials: { type: oauth, accessToken: a, expiresAt: tomorrow } }",
              "providers[0].credentials.expiresAt", "unix seconds, unix milliseconds or an ISO-8601 date"),
        .init("expiresAt boolean", "providers:\n  - { provider: codex, credentials: { type: oauth, accessToken: a, expiresAt: yes } }",
              "providers[0].credentials.expiresAt", "got \"yes\""),
        .init("expiresAt zero", "providers:\n  - { provider: codex, credentials: { type: oauth, accessToken: a, expiresAt: 0 } }",
              "providers[0].credentials.expiresAt", "unix seconds"),
        .init("options list", "providers:\n  - { provider: custom, options: [a] }", "providers[0].options",
              "must be a mapping of provider-specific settings, not a list"),
    ]
}

@Suite("Validation: one problem per invalid value, at its key path")
struct ValidationTests {
    @Test("settings", arguments: InvalidCase.settings)
    func settings(_ invalid: InvalidCase) throws {
        let found = try #require(problem(at: invalid.keyPath, in: invalid.yaml))
        #expect(found.message.contains(invalid.fragment), "\(found.message)")
    }

    @Test("providers", arguments: InvalidCase.providers)
    func providers(_ invalid: InvalidCase) throws {
        let found = try #require(problem(at: invalid.keyPath, in: invalid.yaml))
        #expect(found.message.contains(invalid.fragment), "\(found.message)")
    }

    @Test("protocol is case-insensitive and a legacy hex hash is lower-cased")
    func normalisation() throws {
        let upperHex = String(repeating: "AB", count: 32)
        let config = try loadConfig("server: { protocol: HTTPS }\nauth: { adminPasswordHash: \(upperHex) }\n")
        #expect(config.server.protocol == .https)
        #expect(config.auth.adminPasswordHash == upperHex.lowercased())
    }

    @Test("boundary values are accepted")
    func boundaries() throws {
        let yaml = """
            server: { port: 65535 }
            collector: { concurrency: 256, requestTimeoutSeconds: 300, retentionDays: 1 }
            auth:
              sessionTtlSeconds: 300
              rateLimit: { windowMs: 10000, maxAttempts: 1, blockMs: 15000 }
            providers:
              - { provider: demo, refreshInterval: 0, id: \(String(repeating: "z", count: 64)) }
            """
        let config = try loadConfig(yaml)
        #expect(config.server.port == 65535)
        #expect(config.collector.concurrency == 256)
        #expect(config.auth.rateLimit == RateLimitConfig(windowMs: 10000, maxAttempts: 1, blockMs: 15000))
        #expect(config.providers[0].refreshIntervalMinutes == 0)
    }

    @Test("expiresAt accepts unix seconds, unix milliseconds, numeric strings and ISO dates", arguments: [
        ("1767225600", 1_767_225_600.0), ("1767225600000", 1_767_225_600.0), ("'1767225600'", 1_767_225_600.0),
        ("2026-01-01T00:00:00Z", 1_767_225_600.0), ("'2026-01-01T08:00:00+08:00'", 1_767_225_600.0), ("2026-01-01", 1_767_225_600.0),
        ("1767225600.5", 1_767_225_600.5),
    ])
    func expiresAt(written: String, seconds: Double) throws {
        let yaml = "providers:\n  - provider: claude\n    credentials: { type: oauth, accessToken: a, expiresAt: \(written) }\n"
        let tokens = try #require(try loadConfig(yaml).providers[0].credentials?.oauthTokens)
        #expect(tokens.expiresAt?.timeIntervalSince1970 == seconds)
    }

    @Test("YAML syntax errors give a line but not the offending text")
    func syntaxError() {
        let found = problems("auth:\n  cronSecret: \"abc-secret-text\n  other: 1\n", sourcePath: "/etc/aimeter/config.yaml")
        #expect(found.count == 1)
        #expect(found.first?.keyPath == "/etc/aimeter/config.yaml")
        #expect(found.first?.message.contains("YAML syntax error") == true)
        #expect(found.first?.line != nil)
        #expect(found.first?.message.contains("abc-secret-text") == false)
    }

    @Test("the top level must be a mapping")
    func topLevel() {
        let found = problems("- provider: demo\n")
        #expect(found.map(\.message) == ["the top level must be a mapping (server:, providers:, ...), not a list"])
    }

    @Test("an empty document is the default configuration")
    func emptyDocument() throws {
        #expect(try loadConfig("") == AppConfig())
        #expect(try loadConfig("# only a comment\n") == AppConfig())
    }
}
