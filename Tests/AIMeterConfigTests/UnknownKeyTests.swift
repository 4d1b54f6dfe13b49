import Testing

@testable import AIMeterConfig

@Suite("Unknown keys are errors, with a suggestion when one is close")
struct UnknownKeyTests {
    @Test("misspelt keys at every level", arguments: [
        ("sever:\n  port: 1\n", "sever", "server"),
        ("server:\n  prot: 80\n", "server.prot", "port"),
        ("server:\n  trustedProxie: []\n", "server.trustedProxie", "trustedProxies"),
        ("database:\n  encryptionkey: abcdefabcdefabcdef\n", "database.encryptionkey", "encryptionKey"),
        ("collector:\n  retentionDay: 3\n", "collector.retentionDay", "retentionDays"),
        ("auth:\n  cronSecert: x\n", "auth.cronSecert", "cronSecret"),
        ("auth:\n  rateLimit:\n    maxAttempt: 3\n", "auth.rateLimit.maxAttempt", "maxAttempts"),
        ("providers:\n  - provider: demo\n    refreshIntervall: 3\n", "providers[0].refreshIntervall", "refreshInterval"),
        ("providers:\n  - provider: demo\n  - provider: demo\n    nam: b\n", "providers[1].nam", "name"),
        ("providers:\n  - provider: codex\n    credentials: { type: oauth, acessToken: x }\n", "providers[0].credentials.acessToken", "accessToken"),
        ("providers:\n  - provider: codex\n    credentials: { type: oauth, accessToken: a, refresh_token: r }\n",
         "providers[0].credentials.refresh_token", "refreshToken"),
        ("providers:\n  - provider: kimi\n    credentials: { type: jwt, valeu: x }\n", "providers[0].credentials.valeu", "value"),
    ])
    func suggestion(yaml: String, keyPath: String, suggested: String) throws {
        let found = try #require(problem(at: keyPath, in: yaml))
        #expect(found.message.hasPrefix("unknown key (did you mean \"\(suggested)\"?)"), "\(found.message)")
    }

    @Test("a key far from every known key gets the list of valid keys, no guess")
    func noSuggestion() throws {
        let found = try #require(problem(at: "collector.workers", in: "collector:\n  workers: 4\n"))
        #expect(!found.message.contains("did you mean"))
        #expect(found.message.contains("valid keys: socket, concurrency, requestTimeoutSeconds, retentionDays"))
        #expect(found.line == 2)
    }

    @Test("keys of another credential type are unknown for this one")
    func credentialKeysDependOnType() throws {
        let yaml = "providers:\n  - provider: openrouter\n    credentials: { type: api_key, value: k, accessToken: t }\n"
        let found = try #require(problem(at: "providers[0].credentials.accessToken", in: yaml))
        #expect(found.message.contains("in api_key credentials; valid keys: type, value, valueFile"))
    }

    @Test("AIMeter key names get a specific hint", arguments: [
        ("server:\n  backendPort: 3001\n", "server.backendPort", "server.port"),
        ("database:\n  engine: sqlite\n", "database.engine", "SQLite"),
        ("database:\n  connection: ./data/aimeter.db\n", "database.connection", "database.path"),
        ("auth:\n  adminPassword: hunter2hunter2\n", "auth.adminPassword", "aimeter hash-password"),
        ("providers:\n  - type: claude\n", "providers[0].type", "provider:"),
    ])
    func renamedKeys(yaml: String, keyPath: String, hint: String) throws {
        let found = problems(yaml).filter { $0.keyPath == keyPath }
        #expect(found.count == 1)
        #expect(found.first?.message.contains(hint) == true, "\(found)")
        #expect(found.first?.message.contains("hunter2") == false)
    }

    @Test("keys inside options are free-form")
    func optionsAreFreeForm() throws {
        let config = try loadConfig("providers:\n  - provider: custom\n    options: { anything: 1, goes: { here: true } }\n")
        #expect(config.providers[0].options["goes"]?["here"] == .bool(true))
    }

    @Test("a duplicate key is reported with its name and line, without the values")
    func duplicateKey() throws {
        let found = problems("server:\n  host: 10.0.0.1\n  port: 1000\n  port: 2000\n", sourcePath: "/etc/aimeter/config.yaml")
        #expect(found == [
            ConfigProblem(
                keyPath: "/etc/aimeter/config.yaml", message: "duplicate key \"port\": a key may appear only once in a mapping", line: 3)
        ])
    }

    @Test("suggestions are case-insensitive and limited to distance 2")
    func suggestionDistance() {
        #expect(KeySuggestion.closest(to: "PORT", in: ["host", "port"]) == "port")
        #expect(KeySuggestion.closest(to: "portt", in: ["host", "port"]) == "port")
        #expect(KeySuggestion.closest(to: "concurrent", in: ["concurrency"]) == "concurrency")
        #expect(KeySuggestion.closest(to: "zzzz", in: ["host", "port"]) == nil)
        #expect(KeySuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}
