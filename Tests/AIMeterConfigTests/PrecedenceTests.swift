import Testing

@testable import AIMeterConfig

/// One setting: its YAML form, its environment variable, and how to read it back.
struct PrecedenceCase: Sendable, CustomTestStringConvertible {
    var keyPath: String
    var yaml: String
    var env: String
    var envValue: String
    var yamlResult: String
    var envResult: String
    var defaultResult: String
    var read: @Sendable (AppConfig) -> String

    var testDescription: String { keyPath }

    static let endpointA = "0123456789abcdef0123456789abcdef"
    static let endpointB = "fedcba9876543210fedcba9876543210"
    static let hashA = "6e659deaa85842cdabb5c6305fcc40033ba43772ec00d45c2a3c921741a5e377"
    static let hashB = "pbkdf2_sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$9EMXQ1jfugz8tNXPvt3hsGP9_FlsGpEisrfW5dMjagY"

    static let all: [PrecedenceCase] = [
        .init(keyPath: "server.host", yaml: "server:\n  host: 10.1.1.1", env: "AIMETER_SERVER_HOST", envValue: "10.2.2.2",
              yamlResult: "10.1.1.1", envResult: "10.2.2.2", defaultResult: "127.0.0.1") { $0.server.host },
        .init(keyPath: "server.port", yaml: "server:\n  port: 4000", env: "AIMETER_BACKEND_PORT", envValue: "5000",
              yamlResult: "4000", envResult: "5000", defaultResult: "3001") { String($0.server.port) },
        .init(keyPath: "server.protocol", yaml: "server:\n  protocol: http", env: "AIMETER_SERVER_PROTOCOL", envValue: "HTTPS",
              yamlResult: "http", envResult: "https", defaultResult: "http") { $0.server.protocol.rawValue },
        .init(keyPath: "server.trustedProxies", yaml: "server:\n  trustedProxies: [10.0.0.1]", env: "AIMETER_TRUSTED_PROXIES",
              envValue: "192.168.0.0/16, ::1", yamlResult: "10.0.0.1", envResult: "192.168.0.0/16|::1", defaultResult: "") {
            $0.server.trustedProxies.joined(separator: "|")
        },
        .init(keyPath: "database.path", yaml: "database:\n  path: /data/a.db", env: "AIMETER_DATABASE_PATH", envValue: "/data/b.db",
              yamlResult: "/data/a.db", envResult: "/data/b.db", defaultResult: "/var/lib/aimeter/aimeter.db") { $0.database.path },
        .init(keyPath: "database.encryptionKey", yaml: "database:\n  encryptionKey: yaml-key-0123456789", env: "AIMETER_ENCRYPTION_KEY",
              envValue: "env-key-0123456789", yamlResult: "yaml-key-0123456789", envResult: "env-key-0123456789", defaultResult: "nil") {
            $0.database.encryptionKey ?? "nil"
        },
        .init(keyPath: "collector.socket", yaml: "collector:\n  socket: /tmp/a.sock", env: "AIMETER_COLLECTOR_SOCKET", envValue: "/tmp/b.sock",
              yamlResult: "/tmp/a.sock", envResult: "/tmp/b.sock", defaultResult: "/run/aimeter/collector.sock") { $0.collector.socket },
        .init(keyPath: "collector.concurrency", yaml: "collector:\n  concurrency: 2", env: "AIMETER_COLLECTOR_CONCURRENCY", envValue: "16",
              yamlResult: "2", envResult: "16", defaultResult: "8") { String($0.collector.concurrency) },
        .init(keyPath: "collector.requestTimeoutSeconds", yaml: "collector:\n  requestTimeoutSeconds: 2.5",
              env: "AIMETER_REQUEST_TIMEOUT_SECONDS", envValue: "30", yamlResult: "2.5", envResult: "30.0", defaultResult: "12.0") {
            String($0.collector.requestTimeoutSeconds)
        },
        .init(keyPath: "collector.retentionDays", yaml: "collector:\n  retentionDays: 30", env: "AIMETER_RETENTION_DAYS", envValue: "60",
              yamlResult: "30", envResult: "60", defaultResult: "400") { String($0.collector.retentionDays) },
        .init(keyPath: "auth.sessionTtlSeconds", yaml: "auth:\n  sessionTtlSeconds: 600", env: "AIMETER_AUTH_SESSION_TTL_SECONDS",
              envValue: "900", yamlResult: "600", envResult: "900", defaultResult: "14400") { String($0.auth.sessionTtlSeconds) },
        .init(keyPath: "auth.normalPasswordHash", yaml: "auth:\n  normalPasswordHash: \(hashA)", env: "AIMETER_NORMAL_PASSWORD_HASH",
              envValue: hashB, yamlResult: hashA, envResult: hashB, defaultResult: "nil") { $0.auth.normalPasswordHash ?? "nil" },
        .init(keyPath: "auth.adminPasswordHash", yaml: "auth:\n  adminPasswordHash: \(hashB)", env: "AIMETER_ADMIN_PASSWORD_HASH",
              envValue: hashA, yamlResult: hashB, envResult: hashA, defaultResult: "nil") { $0.auth.adminPasswordHash ?? "nil" },
        .init(keyPath: "auth.endpointSecret", yaml: "auth:\n  endpointSecret: \(endpointA)", env: "AIMETER_ENDPOINT_SECRET",
              envValue: endpointB, yamlResult: endpointA, envResult: endpointB, defaultResult: "nil") { $0.auth.endpointSecret ?? "nil" },
        .init(keyPath: "auth.cronSecret", yaml: "auth:\n  cronSecret: \(endpointB)", env: "AIMETER_CRON_SECRET",
              envValue: endpointA, yamlResult: endpointB, envResult: endpointA, defaultResult: "nil") { $0.auth.cronSecret ?? "nil" },
        .init(keyPath: "auth.metricsToken", yaml: "auth:\n  metricsToken: yaml-metrics-token-1", env: "AIMETER_METRICS_TOKEN",
              envValue: "env-metrics-token-22", yamlResult: "yaml-metrics-token-1", envResult: "env-metrics-token-22", defaultResult: "nil") {
            $0.auth.metricsToken ?? "nil"
        },
        .init(keyPath: "auth.rateLimit.windowMs", yaml: "auth:\n  rateLimit:\n    windowMs: 20000", env: "AIMETER_AUTH_RATE_LIMIT_WINDOW_MS",
              envValue: "30000", yamlResult: "20000", envResult: "30000", defaultResult: "60000") { String($0.auth.rateLimit.windowMs) },
        .init(keyPath: "auth.rateLimit.maxAttempts", yaml: "auth:\n  rateLimit: { maxAttempts: 2 }", env: "AIMETER_AUTH_RATE_LIMIT_MAX_ATTEMPTS",
              envValue: "9", yamlResult: "2", envResult: "9", defaultResult: "5") { String($0.auth.rateLimit.maxAttempts) },
        .init(keyPath: "auth.rateLimit.blockMs", yaml: "auth:\n  rateLimit:\n    blockMs: 20000", env: "AIMETER_AUTH_RATE_LIMIT_BLOCK_MS",
              envValue: "40000", yamlResult: "20000", envResult: "40000", defaultResult: "300000") { String($0.auth.rateLimit.blockMs) },
    ]
}

@Suite("Precedence: config.yaml > AIMETER_* environment > default")
struct PrecedenceTests {
    @Test("config.yaml beats the environment", arguments: PrecedenceCase.all)
    func yamlWins(_ setting: PrecedenceCase) throws {
        let config = try loadConfig(setting.yaml, env: [setting.env: setting.envValue])
        #expect(setting.read(config) == setting.yamlResult)
    }

    @Test("the environment beats the default", arguments: PrecedenceCase.all)
    func environmentWins(_ setting: PrecedenceCase) throws {
        let config = try loadConfig("", env: [setting.env: setting.envValue])
        #expect(setting.read(config) == setting.envResult)
    }

    @Test("the default applies when neither sets the key", arguments: PrecedenceCase.all)
    func defaultApplies(_ setting: PrecedenceCase) throws {
        let config = try loadConfig("server: {}\n", env: ["UNRELATED": "1"])
        #expect(setting.read(config) == setting.defaultResult)
    }

    @Test("origins name the source of each setting", arguments: PrecedenceCase.all)
    func originsAreRecorded(_ setting: PrecedenceCase) throws {
        let fromYAML = try ConfigLoader.loadDetailed(yaml: setting.yaml, environment: [setting.env: setting.envValue], sourcePath: nil)
        #expect(fromYAML.origins[setting.keyPath] == .configFile)
        let fromEnv = try ConfigLoader.loadDetailed(yaml: "", environment: [setting.env: setting.envValue], sourcePath: nil)
        #expect(fromEnv.origins[setting.keyPath] == .environment(setting.env))
        let fromDefault = try ConfigLoader.loadDetailed(yaml: "", environment: [:], sourcePath: nil)
        #expect(fromDefault.origins[setting.keyPath] == .defaultValue)
    }

    @Test("an empty YAML string falls through to the environment")
    func emptyStringFallsThrough() throws {
        let config = try loadConfig("server:\n  host: \"\"\ndatabase:\n  encryptionKey: \"\"", env: ["AIMETER_SERVER_HOST": "::"])
        #expect(config.server.host == "::")
        #expect(config.database.encryptionKey == nil)
    }

    @Test("an empty environment variable counts as unset")
    func emptyEnvironmentIsUnset() throws {
        let config = try loadConfig("", env: ["AIMETER_BACKEND_PORT": "", "AIMETER_ENDPOINT_SECRET": ""])
        #expect(config.server.port == 3001)
        #expect(config.auth.endpointSecret == nil)
    }

    @Test("an invalid environment value is reported with the variable name, not ignored")
    func invalidEnvironmentValueIsReported() {
        let found = problems("", env: ["AIMETER_BACKEND_PORT": "http", "AIMETER_RETENTION_DAYS": "0"])
        #expect(found.map(\.keyPath) == ["server.port", "collector.retentionDays"])
        #expect(found[0].message.contains("(from AIMETER_BACKEND_PORT)"))
        #expect(found[1].message.contains("must be at least 1, got 0 (from AIMETER_RETENTION_DAYS)"))
    }

    @Test("AIMETER_CONFIG_FILE selects the default path")
    func defaultPath() {
        #expect(ConfigLoader.defaultPath(environment: [:]) == "/etc/aimeter/config.yaml")
        #expect(ConfigLoader.defaultPath(environment: ["AIMETER_CONFIG_FILE": "/opt/a.yaml"]) == "/opt/a.yaml")
        #expect(ConfigLoader.defaultPath(environment: ["AIMETER_CONFIG_FILE": ""]) == "/etc/aimeter/config.yaml")
    }
}
