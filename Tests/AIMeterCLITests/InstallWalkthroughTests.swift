import AIMeterCore
import AIMeterTestSupport
import Foundation
import Testing

/// docs/install.md followed literally on a staged install, as far as it goes without PID-1
/// systemd: install.sh, `aimeter check-config`, both daemons on the installed starter config with
/// the units' environment, `aimeter status`, the first login and the export, all with the staged
/// binaries and `curl`. Only what an unprivileged test must change is changed: the state and
/// runtime directories (moved under the stage) and the port (a free one).
@Suite("docs/install.md on a staged install", .serialized)
struct InstallWalkthroughTests {
    static let curl = URL(fileURLWithPath: "/usr/bin/curl")
    static let adminPassword = "first-admin-pass-1"

    @Test("the installed starter config runs both daemons; status, first login and the export work")
    func walkthrough() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.curl.path), "curl is needed (apt-get install curl)")
        // 1. Build (done by `swift build`) and install.
        let install = try StagedInstall()
        #expect(install.firstRun.status == 0, "\(install.firstRun.stderr)")
        var environment = try install.unitEnvironment("aimeter-collector.service")
        #expect(try install.unitEnvironment("aimeter-api.service") == environment)
        #expect(Set(environment.keys) == ["AIMETER_DATABASE_PATH", "AIMETER_COLLECTOR_SOCKET"])
        let port = try FreePort.find()
        environment["AIMETER_BACKEND_PORT"] = String(port)
        environment["NO_COLOR"] = "1"
        let aimeter = { (arguments: [String], stdin: String?) throws -> ProcessResult in
            try ProcessRunner.run(
                install.binary("aimeter"), arguments + ["--config", install.configPath], environment: environment, stdin: stdin)
        }

        // 2. Configure: the starter config is valid as installed.
        let check = try aimeter(["check-config"], nil)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("configuration is valid: 1 provider"))

        // 3. Start: the collector, then the API, on the installed config.
        let collector = try ChildProcess(
            install.binary("aimeter-collector"), ["--config", install.configPath],
            logPath: install.root.path("collector.log"), environment: environment)
        let api = try ChildProcess(
            install.binary("aimeter-api"), ["--config", install.configPath],
            logPath: install.root.path("api.log"), environment: environment)
        let base = "http://127.0.0.1:\(port)"
        var ready = false
        _ = Self.eventually {
            let answer = try? Self.http(["\(base)/api/ready"])
            ready = answer?.json["ready"]?.boolValue == true && answer?.json["collector"]?["reachable"]?.boolValue == true
            return ready || !collector.isRunning || !api.isRunning
        }
        try #require(ready, "not ready.\ncollector:\n\(collector.log)\napi:\n\(api.log)")
        #expect(try Self.http(["\(base)/api/health"]).json["status"]?.stringValue == "ok")

        // The collector polls the demo provider on its own; `aimeter status` shows it.
        let polled = Self.eventually {
            let json = (try? aimeter(["status", "--json"], nil)).flatMap { try? JSONValue.parse($0.stdout) }
            return json?[0]?["items"]?.arrayValue?.isEmpty == false
        }
        try #require(polled, "no data.\ncollector:\n\(collector.log)")
        let status = try aimeter(["status"], nil)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("Demo"))
        #expect(status.stdout.contains("Session"))
        #expect(!status.stdout.contains("(no data yet)"))

        // 5. First login: nobody can log in before a password is set.
        let cookies = install.root.path("cookies.txt")
        let login = [
            "-c", cookies, "-H", "content-type: application/json", "-d", #"{"password":"\#(Self.adminPassword)"}"#,
            "\(base)/api/auth/admin/verify",
        ]
        #expect(try Self.http(login).json["data"]?["valid"]?.boolValue == false)
        let passwd = try aimeter(["passwd", "admin", "--stdin"], Self.adminPassword + "\n")
        #expect(passwd.status == 0, "\(passwd.stderr)")
        #expect(try Self.http(login).json["data"]?["valid"]?.boolValue == true)
        let latest = try Self.http(["-b", cookies, "-X", "POST", "\(base)/api/proxy/latest"])
        #expect(latest.status == 200, "\(latest.body)")
        #expect(latest.json["data"]?[0]?["id"]?.stringValue == "demo")
        #expect(latest.json["data"]?[0]?["progress"]?.arrayValue?.isEmpty == false)

        // The export for scripts, with the secret `aimeter secrets` prints.
        let secrets = try aimeter(["secrets", "--json"], nil)
        let secret = try #require(try JSONValue.parse(secrets.stdout)["endpointSecret"]?.stringValue)
        #expect(secret.count == 32)
        let export = "\(base)/api/endpoint/subscriptions?format=table&timezone=Europe/Berlin"
        let table = try Self.http(["-H", "x-aimeter-endpoint-secret: \(secret)", export])
        #expect(table.status == 200)
        #expect(table.body.contains("Demo") && table.body.contains("Session"), "\(table.body)")
        #expect(try Self.http([export]).status == 401)

        #expect(await api.stop() == 0, "\(api.log)")
        #expect(await collector.stop() == 0, "\(collector.log)")
    }

    /// A `curl` answer.
    struct Answer {
        var status: Int
        var body: String
        var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
    }

    /// Runs `curl -sS <arguments>` and splits off the status code.
    static func http(_ arguments: [String]) throws -> Answer {
        let result = try ProcessRunner.run(curl, ["-sS", "--max-time", "10", "-w", "\n%{http_code}"] + arguments, timeout: 20)
        guard result.status == 0, let newline = result.stdout.lastIndex(of: "\n") else {
            return Answer(status: 0, body: result.stderr)
        }
        return Answer(
            status: Int(result.stdout[result.stdout.index(after: newline)...]) ?? 0,
            body: String(result.stdout[..<newline]))
    }

    /// Polls `condition` every 200 ms for up to 30 s.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if condition() { return true }
            usleep(200_000)
        }
        return false
    }
}
