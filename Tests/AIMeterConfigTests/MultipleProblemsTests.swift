import Testing

@testable import AIMeterConfig

@Suite("All problems are reported together")
struct MultipleProblemsTests {
    static let yaml = """
        server:
          port: 70000
          protocl: https
        collector:
          concurrency: 0
        auth:
          endpointSecret: replace-with-something-long-enough
          rateLimit: { blockMs: 1000 }
        providers:
          - provider: claude
            credentials:
              type: oauth
              accessToken: at-secret-value
              expiresAt: someday
          - provider: openrouter
            credentials: { type: api_key }
          - provider: chatgpt
          - provider: kimi
            refreshInterval: -5
            credentials: { type: jwt, value: "${KIMI_JWT}" }
        """

    @Test("every problem with its key path and line, in file order")
    func everyProblem() throws {
        let error = try #require(throws: ConfigError.self) { try loadConfig(Self.yaml) }
        #expect(error.problems.map(\.keyPath) == [
            "server.protocl",
            "server.port",
            "collector.concurrency",
            "auth.endpointSecret",
            "auth.rateLimit.blockMs",
            "providers[0].credentials.expiresAt",
            "providers[1].credentials.value",
            "providers[2].provider",
            "providers[3].refreshInterval",
            "providers[3].credentials.value",
        ])
        #expect(error.problems.map(\.line) == [3, 2, 5, 7, 8, 14, 16, 17, 19, 20])
        #expect(error.problems[0].message.contains("did you mean \"protocol\"?"))
        #expect(error.problems[7].message.contains("unknown provider type \"chatgpt\""))
    }

    @Test("the description has one line per problem and the report a headline")
    func description() throws {
        let error = try #require(throws: ConfigError.self) { try loadConfig(Self.yaml) }
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == error.problems.count)
        #expect(lines[1] == "server.port: must be between 1 and 65535, got 70000 [line 2]")
        let report = error.report(sourcePath: "/etc/aimeter/config.yaml")
        #expect(report.hasPrefix("invalid configuration: 10 problems in /etc/aimeter/config.yaml\n  server.protocl: "))
        #expect(!error.description.contains("at-secret-value"))
        #expect(!error.description.contains("replace-with-something"))
    }

    @Test("the exit status for a bad configuration is EX_CONFIG")
    func exitCode() {
        #expect(ExitCode.configError == 78)
    }
}
