import AIMeterCore
import Testing

@testable import AIMeterConfig

@Suite("${ENV} substitution")
struct SubstitutionTests {
    @Test("a whole value is replaced")
    func wholeValue() throws {
        let config = try loadConfig("database:\n  path: ${DB}\n", env: ["DB": "/data/x.db"])
        #expect(config.database.path == "/data/x.db")
    }

    @Test("references embedded in text are replaced, several per value")
    func embedded() throws {
        let config = try loadConfig("database:\n  path: \"${ROOT}/db/${NAME}.db\"\n", env: ["ROOT": "/srv", "NAME": "meter"])
        #expect(config.database.path == "/srv/db/meter.db")
    }

    @Test("$${ is a literal ${ and a lone $ stays")
    func escape() throws {
        let config = try loadConfig("providers:\n  - provider: demo\n    name: \"cost $5 $${HOME} ${X}\"\n", env: ["X": "y", "HOME": "/root"])
        #expect(config.providers[0].name == "cost $5 ${HOME} y")
    }

    @Test("numbers can come from the environment")
    func numericKey() throws {
        let config = try loadConfig("server:\n  port: ${PORT}\ncollector:\n  requestTimeoutSeconds: ${T}\n", env: ["PORT": "9090", "T": "2.5"])
        #expect(config.server.port == 9090)
        #expect(config.collector.requestTimeoutSeconds == 2.5)
    }

    @Test("a missing variable is reported with the key path and the variable name")
    func missingVariable() throws {
        let yaml = """
            auth:
              cronSecret: ${CRON}
            providers:
              - provider: openrouter
                credentials: { type: api_key, value: "key-${MISSING_KEY}" }
            """
        let found = problems(yaml)
        #expect(found.map(\.keyPath) == ["auth.cronSecret", "providers[0].credentials.value"])
        #expect(found[0].message.contains("environment variable CRON is not set"))
        #expect(found[1].message.contains("MISSING_KEY"))
        #expect(found[1].line == 5)
    }

    @Test("a missing variable is not replaced by the AIMETER_* fallback")
    func missingVariableIsNotHidden() {
        let found = problems("auth:\n  cronSecret: ${CRON}\n", env: ["AIMETER_CRON_SECRET": PrecedenceCase.endpointA])
        #expect(found.map(\.keyPath) == ["auth.cronSecret"])
    }

    @Test("unterminated and invalid references are reported")
    func malformed() {
        let found = problems("server:\n  host: ${HOST\ndatabase:\n  path: ${1BAD}/x\n")
        #expect(found.map(\.keyPath) == ["server.host", "database.path"])
        #expect(found[0].message.contains("without a closing"))
        #expect(found[1].message.contains("not a valid reference"))
    }

    @Test("references inside options are replaced at any depth")
    func options() throws {
        let yaml = """
            providers:
              - provider: custom
                options:
                  url: ${RELAY}/usage
                  headers: { X-Team: "${TEAM}" }
                  list: ["${TEAM}", 3]
            """
        let options = try loadConfig(yaml, env: ["RELAY": "https://relay.test", "TEAM": "blue"]).providers[0].options
        #expect(options["url"] == .string("https://relay.test/usage"))
        #expect(options["headers"]?["X-Team"] == .string("blue"))
        #expect(options["list"] == .array([.string("blue"), .number(3)]))
    }

    @Test("a missing variable inside options is reported with its path")
    func optionsMissing() {
        let found = problems("providers:\n  - provider: custom\n    options:\n      headers: { X-Team: \"${NOPE}\" }\n")
        #expect(found.map(\.keyPath) == ["providers[0].options.headers.X-Team"])
    }

    @Test("expansion rules", arguments: [
        ("plain", "plain"), ("${A}", "1"), ("x${A}y${B}z", "x1y2z"), ("$${A}", "${A}"), ("$$${A}", "$${A}"), ("a$b", "a$b"),
        ("$", "$"), ("${A}$", "1$"),
    ])
    func expansion(input: String, expected: String) {
        #expect(EnvironmentSubstitution.expand(input, environment: ["A": "1", "B": "2"]) == .success(expected))
    }
}
