import AIMeterTestSupport
import Foundation

/// `scripts/install.sh` run into a temporary `DESTDIR` with the binaries `swift build` produced
/// (`SKIP_BUILD=1 BIN_DIR=...`), as docs/install.md describes for staging.
final class StagedInstall: @unchecked Sendable {
    /// The repository root (holds `scripts/`, `config/`, `systemd/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `DESTDIR`: everything lands under it at its installed path.
    let root: TemporaryDirectory
    /// What the first run of install.sh printed and returned.
    let firstRun: ProcessResult

    /// Runs install.sh once into a fresh directory.
    init() throws {
        root = try TemporaryDirectory(prefix: "stage")
        firstRun = try Self.runScript(into: root)
    }

    /// Runs install.sh again into the same directory (an upgrade).
    func reinstall() throws -> ProcessResult {
        try Self.runScript(into: root)
    }

    private static func runScript(into root: TemporaryDirectory) throws -> ProcessResult {
        try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/bash"), [repository.appendingPathComponent("scripts/install.sh").path],
            environment: ["DESTDIR": root.url.path, "SKIP_BUILD": "1", "BIN_DIR": BuiltBinaries.directory.path],
            timeout: 120)
    }

    /// The staged copy of an installed absolute path, e.g. `/etc/aimeter/config.yaml`.
    func path(_ installed: String) -> String {
        root.path(String(installed.drop { $0 == "/" }))
    }

    /// A staged binary from `/usr/local/bin`.
    func binary(_ name: String) -> URL {
        URL(fileURLWithPath: path("/usr/local/bin/\(name)"))
    }

    /// The staged `/etc/aimeter/config.yaml`.
    var configPath: String { path("/etc/aimeter/config.yaml") }

    /// The staged text of a unit in `/etc/systemd/system`.
    func unit(_ name: String) throws -> String {
        try String(contentsOfFile: path("/etc/systemd/system/\(name)"), encoding: .utf8)
    }

    /// The `Environment=` settings of a staged unit, with the state and runtime directories
    /// systemd would create (`/var/lib/aimeter`, `/run/aimeter`) moved under the stage, where an
    /// unprivileged test can create them.
    func unitEnvironment(_ name: String) throws -> [String: String] {
        var environment: [String: String] = [:]
        for line in try unit(name).split(separator: "\n") where line.hasPrefix("Environment=") {
            let setting = line.dropFirst("Environment=".count)
            guard let equals = setting.firstIndex(of: "=") else { continue }
            var value = String(setting[setting.index(after: equals)...])
            for directory in ["/var/lib/aimeter/", "/run/aimeter/"] where value.hasPrefix(directory) {
                try FileManager.default.createDirectory(atPath: path(directory), withIntermediateDirectories: true)
                value = path(directory) + value.dropFirst(directory.count)
            }
            environment[String(setting[..<equals])] = value
        }
        return environment
    }
}
