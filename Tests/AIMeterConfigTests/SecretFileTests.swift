import AIMeterCore
import Foundation
import Testing

@testable import AIMeterConfig

@Suite("...File secrets")
struct SecretFileTests {
    /// Each auth/database secret key, a valid value for it and how to read it back.
    static let settingKeys: [(section: String, key: String, value: String)] = [
        ("database", "encryptionKey", "file-encryption-key-0001"),
        ("auth", "normalPasswordHash", PrecedenceCase.hashB),
        ("auth", "adminPasswordHash", PrecedenceCase.hashA),
        ("auth", "endpointSecret", PrecedenceCase.endpointA),
        ("auth", "cronSecret", PrecedenceCase.endpointB),
        ("auth", "metricsToken", "file-metrics-token-0001"),
    ]

    static func read(_ config: AppConfig, _ key: String) -> String? {
        switch key {
        case "encryptionKey": config.database.encryptionKey
        case "normalPasswordHash": config.auth.normalPasswordHash
        case "adminPasswordHash": config.auth.adminPasswordHash
        case "endpointSecret": config.auth.endpointSecret
        case "cronSecret": config.auth.cronSecret
        default: config.auth.metricsToken
        }
    }

    @Test("every secret setting can be read from a file, trailing newline trimmed", arguments: settingKeys)
    func settingFromFile(section: String, key: String, value: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("\(key).txt", value + "\n")
        let loaded = try ConfigLoader.loadDetailed(yaml: "\(section):\n  \(key)File: \(file)\n", environment: [:], sourcePath: nil)
        #expect(Self.read(loaded.config, key) == value)
        #expect(loaded.origins["\(section).\(key)"] == .secretFile(file))
    }

    @Test("a ...File key beats the AIMETER_* variable")
    func fileBeatsEnvironment() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("endpoint", PrecedenceCase.endpointA + "\r\n")
        let config = try loadConfig("auth:\n  endpointSecretFile: \(file)\n", env: ["AIMETER_ENDPOINT_SECRET": PrecedenceCase.endpointB])
        #expect(config.auth.endpointSecret == PrecedenceCase.endpointA)
    }

    @Test("credential values and tokens can be read from files")
    func credentialsFromFiles() throws {
        let directory = try TemporaryDirectory()
        let key = try directory.write("or.key", "sk-or-from-file\n")
        let access = try directory.write("access", "access-from-file\n")
        let refresh = try directory.write("refresh", "refresh-from-file")
        let client = try directory.write("client", "client-secret-from-file\n\n")
        let yaml = """
            providers:
              - provider: openrouter
                credentials: { type: api_key, valueFile: \(key) }
              - provider: antigravity
                credentials:
                  type: oauth
                  accessTokenFile: \(access)
                  refreshTokenFile: \(refresh)
                  clientSecretFile: \(client)
                  clientId: client-id.apps.test
            """
        let providers = try loadConfig(yaml).providers
        #expect(providers[0].credentials == .apiKey("sk-or-from-file"))
        let rendered = ConfigRenderer.render(try ConfigLoader.loadDetailed(yaml: yaml, environment: [:], sourcePath: nil))
        #expect(rendered.contains("      value: <redacted len=15>  # from file \(key)\n"))
        #expect(rendered.contains("      clientSecret: <redacted len=23>  # from file \(client)\n"))
        #expect(!rendered.contains("from-file"))
        let tokens = try #require(providers[1].credentials?.oauthTokens)
        #expect(tokens.accessToken == "access-from-file")
        #expect(tokens.refreshToken == "refresh-from-file")
        #expect(tokens.clientSecret == "client-secret-from-file")
        #expect(tokens.clientId == "client-id.apps.test")
    }

    @Test("relative paths are resolved against the configuration file's directory")
    func relativePath() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/secrets", withIntermediateDirectories: true)
        try directory.write("secrets/kimi.jwt", "jwt-from-relative-file\n")
        let configPath = try directory.write(
            "config.yaml", "providers:\n  - provider: kimi\n    credentials: { type: jwt, valueFile: secrets/kimi.jwt }\n")
        let config = try ConfigLoader.load(path: configPath, environment: [:])
        #expect(config.providers[0].credentials == .jwt("jwt-from-relative-file"))
    }

    @Test("the file path may use ${ENV}")
    func pathFromEnvironment() throws {
        let directory = try TemporaryDirectory()
        try directory.write("cron", PrecedenceCase.endpointB)
        let config = try loadConfig("auth:\n  cronSecretFile: ${CREDENTIALS_DIRECTORY}/cron\n", env: ["CREDENTIALS_DIRECTORY": directory.path])
        #expect(config.auth.cronSecret == PrecedenceCase.endpointB)
        let weakKey = try directory.write("key", "short-key\n")
        let found = problems("database:\n  encryptionKeyFile: \(weakKey)\n")
        #expect(found == [
            ConfigProblem(
                keyPath: "database.encryptionKey",
                message: "must be at least 16 characters (it has 9); generate one with `openssl rand -hex 32` (from file \(weakKey))",
                line: 2)
        ])
    }

    @Test("a missing file is reported at the ...File key with its path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/nope.txt"
        let found = problems("auth:\n  endpointSecretFile: \(path)\nproviders:\n  - provider: cursor\n    credentials: { type: cookie, valueFile: \(path) }\n")
        #expect(found.map(\.keyPath) == ["auth.endpointSecretFile", "providers[0].credentials.valueFile"])
        #expect(found.allSatisfy { $0.message.contains(path) && $0.message.contains("does not exist") })
        #expect(found.map(\.line) == [2, 5])
    }

    @Test("a directory or an empty file is reported")
    func directoryAndEmptyFile() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write("empty", "\n")
        let found = problems("auth:\n  cronSecretFile: \(directory.path)\n  metricsTokenFile: \(empty)\n")
        #expect(found.map(\.keyPath) == ["auth.cronSecretFile", "auth.metricsTokenFile"])
        #expect(found[0].message.contains("is a directory"))
        #expect(found[1].message.contains("is empty"))
    }

    @Test("an unreadable file is reported", .enabled(if: getuid() != 0, "root can read every file"))
    func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("locked", PrecedenceCase.endpointA, permissions: 0o000)
        let found = problems("auth:\n  endpointSecretFile: \(file)\n")
        #expect(found.first?.message.contains("not readable") == true)
    }

    @Test("giving both a value and its ...File is a problem", arguments: [
        ("auth:\n  cronSecret: \(PrecedenceCase.endpointA)\n  cronSecretFile: /tmp/x\n", "auth.cronSecret"),
        ("database:\n  encryptionKey: inline-key-0123456789\n  encryptionKeyFile: /tmp/x\n", "database.encryptionKey"),
        ("providers:\n  - provider: zai\n    credentials: { type: api_key, value: k-1234, valueFile: /tmp/k }\n", "providers[0].credentials.value"),
        ("providers:\n  - provider: codex\n    credentials: { type: oauth, accessToken: a, accessTokenFile: /tmp/a }\n", "providers[0].credentials.accessToken"),
        ("providers:\n  - provider: claude\n    credentials: { type: oauth, accessToken: a, refreshToken: r, refreshTokenFile: /tmp/r }\n", "providers[0].credentials.refreshToken"),
        ("providers:\n  - provider: gemini\n    credentials: { type: oauth, accessToken: a, clientSecret: c, clientSecretFile: /tmp/c }\n", "providers[0].credentials.clientSecret"),
    ])
    func bothGiven(yaml: String, keyPath: String) {
        let found = problems(yaml)
        #expect(found.map(\.keyPath) == [keyPath])
        #expect(found.first?.message.contains("not both") == true)
    }

    @Test("a rejected secret read from a file is described, never printed")
    func fileContentNeverPrinted() throws {
        let directory = try TemporaryDirectory()
        let weak = "too-short-secret-XYZ"
        let file = try directory.write("endpoint", weak + "\n")
        let error = try #require(throws: ConfigError.self) { try loadConfig("auth:\n  endpointSecretFile: \(file)\n") }
        #expect(error.problems.map(\.keyPath) == ["auth.endpointSecret"])
        #expect(error.description.contains("it has 20"))
        #expect(error.description.contains("from file \(file)"))
        #expect(!error.description.contains(weak))
    }
}
