import Foundation
import Testing

@testable import AIMeterConfig

@Suite("Loading from files")
struct LoaderFileTests {
    @Test("a real file loads and remembers its path")
    func realFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config.yaml", ExampleConfig.yaml)
        let config = try ConfigLoader.load(path: path, environment: ExampleConfig.environment)
        #expect(config.sourcePath == path)
        #expect(config.providers.count == 7)
    }

    @Test("a missing explicit file is an error naming the path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/absent.yaml"
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        #expect(error.problems == [ConfigProblem(keyPath: path, message: "configuration file not found")])
        let viaEnvironment = try #require(throws: ConfigError.self) {
            try ConfigLoader.load(commandLinePath: nil, environment: ["AIMETER_CONFIG_FILE": path])
        }
        #expect(viaEnvironment.problems.first?.keyPath == path)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(commandLinePath: path, environment: [:]) }
    }

    @Test("a directory is not a configuration file")
    func directory() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: directory.path, environment: [:]) }
        #expect(error.problems.first?.message == "is a directory, not a configuration file")
    }

    @Test("--config beats AIMETER_CONFIG_FILE")
    func commandLineWins() throws {
        let directory = try TemporaryDirectory()
        let chosen = try directory.write("a.yaml", "server: { port: 4100 }\n")
        let other = try directory.write("b.yaml", "server: { port: 4200 }\n")
        let loaded = try ConfigLoader.load(commandLinePath: chosen, environment: ["AIMETER_CONFIG_FILE": other])
        #expect(loaded.config.server.port == 4100)
        let fromEnvironment = try ConfigLoader.load(commandLinePath: nil, environment: ["AIMETER_CONFIG_FILE": other])
        #expect(fromEnvironment.config.server.port == 4200)
        #expect(ConfigLoader.selectedPath(commandLinePath: chosen, environment: ["AIMETER_CONFIG_FILE": other]) == chosen)
        #expect(ConfigLoader.selectedPath(commandLinePath: nil, environment: ["AIMETER_CONFIG_FILE": other]) == other)
    }

    @Test(
        "without --config or AIMETER_CONFIG_FILE a missing standard file means environment and defaults",
        .enabled(if: !FileManager.default.fileExists(atPath: ConfigLoader.standardPath)))
    func implicitMissingFile() throws {
        let loaded = try ConfigLoader.load(commandLinePath: nil, environment: ["AIMETER_BACKEND_PORT": "3333"])
        #expect(loaded.config.sourcePath == nil)
        #expect(loaded.config.server.port == 3333)
    }

    @Test("check-config prints the masked configuration and exits 0 when valid")
    func checkValid() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config.yaml", ExampleConfig.yaml)
        let outcome = ConfigCheck.run(commandLinePath: path, environment: ExampleConfig.environment)
        #expect(outcome.exitCode == 0)
        #expect(outcome.errors.isEmpty)
        #expect(outcome.output.hasSuffix("# configuration is valid: 7 providers\n"))
        #expect(!outcome.output.contains(ExampleConfig.claudeAccess))
    }

    @Test("check-config lists every problem and exits 78 when invalid")
    func checkInvalid() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config.yaml", "server: { port: 0 }\nauth: { cronSecret: short-cron-secret }\n")
        let outcome = ConfigCheck.run(commandLinePath: path, environment: [:])
        #expect(outcome.exitCode == 78)
        #expect(outcome.output.isEmpty)
        #expect(outcome.errors == """
            invalid configuration: 2 problems in \(path)
              server.port: must be between 1 and 65535, got 0 [line 1]
              auth.cronSecret: must be exactly 32 characters (it has 17); generate one with `openssl rand -hex 16` [line 2]

            """)
    }
}
