import Testing

@testable import AIMeterConfig

@Suite("Problems never show secret values")
struct ErrorMaskingTests {
    static let rejectedSecrets = [
        "endpoint-secret-31-chars-GHJKLZ", "metrics-QWE", "enc-key-RTY", "plain-password-UIO", "pbkdf2_sha256$x$salt-PAS$dig",
        "sk-both-DFG", "sk-typo-HJK", "env-cron-secret-ZXC", "sk-wrongkey-VBN", "{broken-flow-MNB",
    ]

    @Test("every rejected secret is described by length, placeholder or shape only")
    func noSecretInDescription() throws {
        let s = Self.rejectedSecrets
        let yaml = """
            auth:
              endpointSecret: \(s[0])
              metricsToken: \(s[1])
              normalPasswordHash: \(s[3])
              adminPasswordHash: '\(s[4])'
            database:
              encryptionKey: \(s[2])
            providers:
              - provider: openrouter
                credentials: { type: api_key, value: \(s[5]), valueFile: /nonexistent }
              - provider: openrouter
                name: second
                credentials: { type: apiky, value: \(s[6]) }
              - provider: copilot
                credentials: { type: api_key, value: x, accessToken: \(s[8]) }
              - provider: cursor
                credentials: { type: cookie, value: [\(s[9].dropFirst())] }
            """
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.load(yaml: yaml, environment: ["AIMETER_CRON_SECRET": s[7]], sourcePath: nil)
        }
        #expect(error.problems.count == 10, "\(error.problems)")
        let text = error.description + error.report(sourcePath: nil)
        for secret in s {
            #expect(!text.contains(secret), "leaked \(secret)")
            #expect(!text.contains(String(secret.suffix(8))), "leaked part of \(secret)")
        }
    }
}
