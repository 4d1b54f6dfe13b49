import Foundation
import Testing

@testable import AIMeterConfig

/// Loads YAML text, failing the test with every problem when it does not load.
func loadConfig(_ yaml: String, env: [String: String] = [:], sourcePath: String? = nil) throws -> AppConfig {
    try ConfigLoader.load(yaml: yaml, environment: env, sourcePath: sourcePath)
}

/// The problems of a configuration that must not load.
func problems(_ yaml: String, env: [String: String] = [:], sourcePath: String? = nil) -> [ConfigProblem] {
    do {
        _ = try ConfigLoader.load(yaml: yaml, environment: env, sourcePath: sourcePath)
        Issue.record("configuration loaded but problems were expected")
        return []
    } catch {
        return error.problems
    }
}

/// The single problem at `keyPath`, recording an issue when there is not exactly one.
func problem(at keyPath: String, in yaml: String, env: [String: String] = [:]) -> ConfigProblem? {
    let found = problems(yaml, env: env).filter { $0.keyPath == keyPath }
    #expect(found.count == 1, "expected one problem at \(keyPath), got \(problems(yaml, env: env))")
    return found.first
}

/// A fresh temporary directory, removed when the returned value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("aimeter-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `content` to `name` inside the directory and returns the full path.
    @discardableResult
    func write(_ name: String, _ content: String, permissions: Int = 0o600) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(content.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
