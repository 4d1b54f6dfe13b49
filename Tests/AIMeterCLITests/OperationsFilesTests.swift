import AIMeterTestSupport
import Foundation
import Testing

/// The shipped systemd units and install script, checked the way an operator would use them.
@Suite("systemd units and install script", .serialized)
struct OperationsFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("both units pass systemd-analyze verify with their binaries present")
    func unitsVerify() throws {
        let analyze = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        try #require(FileManager.default.isExecutableFile(atPath: analyze.path), "systemd-analyze is installed by scripts/install-deps.sh")
        let directory = try TemporaryDirectory(prefix: "units")
        for unit in ["aimeter-collector", "aimeter-api"] {
            let text = try String(contentsOf: Self.repository.appendingPathComponent("systemd/\(unit).service"), encoding: .utf8)
            #expect(text.contains("ExecStart=/usr/local/bin/\(unit) --config /etc/aimeter/config.yaml"))
            let local = text.replacingOccurrences(of: "/usr/local/bin/\(unit)", with: BuiltBinaries.url(unit).path)
            try local.write(toFile: directory.path("\(unit).service"), atomically: true, encoding: .utf8)
        }
        let result = try ProcessRunner.run(
            analyze, ["verify", directory.path("aimeter-collector.service"), directory.path("aimeter-api.service")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let collector = try String(contentsOfFile: directory.path("aimeter-collector.service"), encoding: .utf8)
        for directive in ["Type=notify", "WatchdogSec=", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID",
                          "ProtectSystem=strict", "RuntimeDirectoryPreserve=yes", "UMask=0007", "CapabilityBoundingSet=\n"] {
            #expect(collector.contains(directive), "missing \(directive)")
        }
    }

    @Test("install.sh stages binaries, units and a config idempotently, and the staged binaries run")
    func installStaging() throws {
        let stage = try TemporaryDirectory(prefix: "stage")
        let environment = ["DESTDIR": stage.url.path, "SKIP_BUILD": "1", "BIN_DIR": BuiltBinaries.directory.path]
        let script = Self.repository.appendingPathComponent("scripts/install.sh")
        let first = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), [script.path], environment: environment, timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        for path in ["usr/local/bin/aimeter", "usr/local/bin/aimeter-collector", "usr/local/bin/aimeter-api",
                     "etc/systemd/system/aimeter-collector.service", "usr/lib/sysusers.d/aimeter.conf",
                     "etc/aimeter/config.yaml", "usr/local/share/doc/aimeter/install.md"] {
            #expect(FileManager.default.fileExists(atPath: stage.path(path)), "missing \(path)")
        }
        // A second run keeps the operator's edited config.
        try "# edited\n".write(toFile: stage.path("etc/aimeter/config.yaml"), atomically: true, encoding: .utf8)
        let second = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), [script.path], environment: environment, timeout: 120)
        #expect(second.status == 0)
        #expect(try String(contentsOfFile: stage.path("etc/aimeter/config.yaml"), encoding: .utf8) == "# edited\n")
        let version = try ProcessRunner.run(URL(fileURLWithPath: stage.path("usr/local/bin/aimeter")), ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("0.1.0"))
    }
}
