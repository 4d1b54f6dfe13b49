import AIMeterTestSupport
import Foundation
import Testing

/// The shipped systemd units and install script, checked the way an operator would use them.
@Suite("systemd units and install script", .serialized)
struct OperationsFilesTests {
    static let repository = StagedInstall.repository

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
        for directive in [
            "Type=notify", "WatchdogSec=", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID",
            "ProtectSystem=strict", "RuntimeDirectoryPreserve=yes", "UMask=0007", "CapabilityBoundingSet=\n",
        ] {
            #expect(collector.contains(directive), "missing \(directive)")
        }
    }

    @Test("install.sh stages binaries, units, the starter config and the example idempotently")
    func installStaging() throws {
        let install = try StagedInstall()
        #expect(install.firstRun.status == 0, "\(install.firstRun.stderr)")
        for path in [
            "/usr/local/bin/aimeter", "/usr/local/bin/aimeter-collector", "/usr/local/bin/aimeter-api",
            "/etc/systemd/system/aimeter-collector.service", "/etc/systemd/system/aimeter-api.service",
            "/usr/lib/sysusers.d/aimeter.conf", "/usr/lib/tmpfiles.d/aimeter.conf",
            "/usr/local/share/doc/aimeter/install.md", "/usr/local/share/doc/aimeter/providers/README.md",
        ] {
            #expect(FileManager.default.fileExists(atPath: install.path(path)), "missing \(path)")
        }
        // The config is the starter, readable by owner and group only; the full example is documentation.
        let starter = try String(contentsOf: Self.repository.appendingPathComponent("config/aimeter.starter.yaml"), encoding: .utf8)
        #expect(try String(contentsOfFile: install.configPath, encoding: .utf8) == starter)
        let mode = try FileManager.default.attributesOfItem(atPath: install.configPath)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let example = try String(contentsOf: Self.repository.appendingPathComponent("config/aimeter.example.yaml"), encoding: .utf8)
        #expect(try String(contentsOfFile: install.path("/usr/local/share/doc/aimeter/aimeter.example.yaml"), encoding: .utf8) == example)

        // A second run keeps the operator's edited config.
        try "# edited\n".write(toFile: install.configPath, atomically: true, encoding: .utf8)
        let second = try install.reinstall()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("kept existing"))
        #expect(try String(contentsOfFile: install.configPath, encoding: .utf8) == "# edited\n")
        let version = try ProcessRunner.run(install.binary("aimeter"), ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("0.1.0"))
    }

    @Test("the staged units pass systemd-analyze verify with the staged binaries")
    func stagedUnitsVerify() throws {
        let analyze = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        try #require(FileManager.default.isExecutableFile(atPath: analyze.path), "systemd-analyze is installed by scripts/install-deps.sh")
        let install = try StagedInstall()
        try #require(install.firstRun.status == 0, "\(install.firstRun.stderr)")
        // `verify --root` needs a whole OS tree, so the staged units are checked where they are,
        // pointing at the staged binaries instead of the not yet existing /usr/local/bin ones.
        var units: [String] = []
        for unit in ["aimeter-collector.service", "aimeter-api.service"] {
            let text = try install.unit(unit)
            #expect(text.contains("ExecStart=/usr/local/bin/"))
            let path = install.root.path(unit)
            try text.replacingOccurrences(of: "/usr/local/bin/", with: install.path("/usr/local/bin") + "/")
                .write(toFile: path, atomically: true, encoding: .utf8)
            units.append(path)
        }
        let result = try ProcessRunner.run(analyze, ["verify"] + units)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
