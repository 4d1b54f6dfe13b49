import AIMeterConfig
import AIMeterCore
import AIMeterSecurity
import AIMeterStore
import AIMeterTestSupport
import Foundation
import Testing

@Suite("aimeter CLI", .serialized)
struct CLICommandTests {
    @Test("hash-password prints a hash that verifies, and enforces the policy with exit 65")
    func hashPassword() throws {
        let harness = try CLIHarness()
        let ok = try harness.run(["hash-password", "--stdin"], stdin: "correct-horse-battery-9\n", withConfig: false)
        #expect(ok.status == 0)
        let hash = ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hash.hasPrefix("pbkdf2_sha256$100000$"))
        #expect(PasswordHasher.verify("correct-horse-battery-9", against: hash))

        let short = try harness.run(["hash-password", "--stdin"], stdin: "short1\n", withConfig: false)
        #expect(short.status == 65)
        #expect(short.stderr.contains("Password must be at least 12 characters"))
        let noDigit = try harness.run(["hash-password", "--stdin"], stdin: "no-digits-at-all-here\n", withConfig: false)
        #expect(noDigit.status == 65)
        #expect(noDigit.stderr.contains("at least one digit"))
    }

    @Test("check-config prints the resolved config with secrets masked")
    func checkConfigValid() throws {
        let secret = "abcdefabcdefabcdefabcdefabcdef12"
        let harness = try CLIHarness(auth: "auth:\n  endpointSecret: \(secret)")
        let result = try harness.run(["check-config"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("demo-a"))
        #expect(!result.stdout.contains(secret))
        #expect(!result.stderr.contains(secret))
    }

    @Test("check-config exits 78 and names every problem with its key path")
    func checkConfigInvalid() throws {
        let providers = """
              - provider: demo
                name: X
                refreshIntervall: 5
              - provider: demo
                name: Y
                options: { profile: nonsense }
            """
        let harness = try CLIHarness(providers: providers, auth: "server:\n  port: 70000")
        let result = try harness.run(["check-config"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("providers[0].refreshIntervall"))
        #expect(result.stderr.contains("server.port"))

        let optionsOnly = try CLIHarness(providers: "  - provider: demo\n    options: { profile: nonsense }")
        let adapterResult = try optionsOnly.run(["check-config"])
        #expect(adapterResult.status == 78)
        #expect(adapterResult.stderr.contains("providers[0].options.profile"))
    }

    @Test("the annotated example configuration is valid")
    func exampleConfigIsValid() throws {
        let directory = try TemporaryDirectory(prefix: "ex")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var text = try String(contentsOf: repository.appendingPathComponent("config/aimeter.example.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "/etc/aimeter/", with: directory.url.path + "/")
        let secretFiles = text.components(separatedBy: directory.url.path + "/").dropFirst().compactMap {
            $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "}" || $0 == "," }).first.map(String.init)
        }
        // Cookie validators check the shape of the header, so cookie files get a plausible one.
        let cookie = "sessionKey=sk-ant-sid01-placeholder; auth=placeholder; login_aliyunid_ticket=placeholder; WorkosCursorSessionToken=user_x"
        for file in Set(secretFiles) where file != "config.yaml" {
            let content = file.hasSuffix(".cookie") ? cookie : "placeholder-secret-value"
            try content.write(toFile: directory.path(file), atomically: true, encoding: .utf8)
        }
        let configPath = directory.path("config.yaml")
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        var environment: [String: String] = ["NO_COLOR": "1"]
        for name in ["GITHUB_COPILOT_TOKEN", "MINIMAX_KEY", "ZAI_KEY", "OPENROUTER_KEY", "DEEPSEEK_KEY", "MOONSHOT_KEY", "ACEDATA_TOKEN", "RELAY_TOKEN"] {
            environment[name] = "test-\(name.lowercased())"
        }
        let result = try ProcessRunner.run(BuiltBinaries.url("aimeter"), ["check-config", "--config", configPath], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("placeholder-secret-value"))
        #expect(!result.stdout.contains("login_aliyunid_ticket"))
    }

    @Test("status reads a seeded database read-only; --json, --fail-above and a missing database")
    func status() throws {
        let harness = try CLIHarness()
        let missing = try harness.run(["status"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the database"))

        let config = try ConfigLoader.load(path: harness.configPath, environment: [:])
        let database = try AppDatabase.openWriter(path: harness.databasePath)
        let now = Date()
        try database.syncProviders(config.providers, now: now)
        let snapshot = UsageSnapshot(
            items: [
                ProgressItem(name: "Session", usedPercent: 62.5, remainingPercent: 37.5, windowMinutes: 300,
                             resetsAt: Int64(now.timeIntervalSince1970) + 2 * 3600 + 13 * 60 + 30),
                ProgressItem(name: "Weekly", usedPercent: 12, windowMinutes: 10080),
            ],
            identity: Identity(plan: "Pro"), updatedAt: now)
        try database.appendSnapshot(snapshot, providerId: "demo-a", at: now)
        try database.saveFetchState(FetchState(lastFailedAt: now, lastFailureReason: "token expired", authRequired: true, consecutiveFailures: 2), providerId: "demo-b")

        let table = try harness.run(["status", "--no-color"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Demo A"))
        #expect(table.stdout.contains("Session"))
        #expect(table.stdout.contains("63%"))
        #expect(table.stdout.contains("2h 13m"))
        #expect(table.stdout.contains("(no data yet)"))
        #expect(table.stdout.contains("demo-b: re-authentication required (token expired)"))
        #expect(!table.stdout.contains("\u{1B}["))

        let json = try harness.run(["status", "--json"])
        #expect(json.status == 0)
        let parsed = try JSONValue.parse(json.stdout)
        #expect(parsed[0]?["id"]?.stringValue == "demo-a")
        #expect(parsed[0]?["items"]?[0]?["usedPercent"]?.doubleValue == 62.5)
        #expect(parsed[1]?["authRequired"]?.boolValue == true)

        #expect(try harness.run(["status", "--fail-above", "60"]).status == 2)
        #expect(try harness.run(["status", "--fail-above", "70"]).status == 0)
    }

    @Test("refresh, passwd and secrets go through a running collector; exit 69 without one")
    func socketCommands() throws {
        let harness = try CLIHarness()
        let down = try harness.run(["refresh"])
        #expect(down.status == 69)

        let collector = try harness.startCollector()
        defer {
            collector.terminate()
            collector.waitUntilExit()
        }
        let refresh = try harness.run(["refresh"])
        #expect(refresh.status == 0, "\(refresh.stderr)")
        #expect(refresh.stdout.contains("demo-a: fresh") || refresh.stdout.contains("demo-a: cached"))
        let again = try harness.run(["refresh", "demo-a", "--json"])
        #expect(try JSONValue.parse(again.stdout)["results"]?[0]?["status"]?.stringValue == "cached")
        #expect(try harness.run(["refresh", "nope"]).status == 1)

        let passwd = try harness.run(["passwd", "admin", "--stdin"], stdin: "new-admin-pass-42\n")
        #expect(passwd.status == 0, "\(passwd.stderr)")
        let reader = try AppDatabase.openReader(path: harness.databasePath)
        let stored = try #require(try reader.setting(.adminPasswordHash))
        #expect(PasswordHasher.verify("new-admin-pass-42", against: stored))
        #expect(try harness.run(["passwd", "normal", "--stdin"], stdin: "weak\n").status == 65)

        let shown = try harness.run(["secrets", "--json"])
        let before = try JSONValue.parse(shown.stdout)["endpointSecret"]?.stringValue
        #expect(before?.count == 32)
        let rotated = try harness.run(["secrets", "rotate", "endpoint"])
        #expect(rotated.status == 0)
        let after = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(after.count == 32 && after != before)
        #expect(try reader.setting(.endpointSecret) == after)
    }

    @Test("a password hash in the config cannot be changed through the socket")
    func configuredHashIsReadOnly() throws {
        let hash = PasswordHasher.hash("configured-pass-1")
        let harness = try CLIHarness(auth: "auth:\n  adminPasswordHash: \"\(hash)\"")
        let collector = try harness.startCollector()
        defer {
            collector.terminate()
            collector.waitUntilExit()
        }
        let result = try harness.run(["passwd", "admin", "--stdin"], stdin: "another-pass-77\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("READ_ONLY_AUTH"))
    }
}
