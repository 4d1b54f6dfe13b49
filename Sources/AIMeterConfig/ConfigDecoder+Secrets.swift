import Foundation

extension ConfigDecoder {
    /// A secret given inline (`key`), through a file (`fileKey`), or by the environment variable
    /// `env` — in that order of precedence. Setting both `key` and `fileKey` is a problem.
    /// The value is trimmed; messages never contain it.
    mutating func secret(_ map: MappingNode, _ key: String, fileKey: String, env: String? = nil) -> String? {
        let keyPath = map.path(key)
        if let inline = map.value(key), !inline.value.isEmptyString, let fileEntry = map.value(fileKey) {
            report(keyPath, "set either \(key) or \(fileKey), not both", line: fileEntry.line)
            record(keyPath, .configFile)
            return nil
        }
        if let fileEntry = map.value(fileKey) {
            record(keyPath, .configFile)
            guard let text = scalarText(fileEntry, at: map.path(fileKey), expected: "a file path")?.text else { return nil }
            let path = text.trimmingCharacters(in: .whitespaces)
            guard let content = readSecretFile(path, keyPath: map.path(fileKey), line: fileEntry.line) else { return nil }
            record(keyPath, .secretFile(resolvedPath(path)))
            return content
        }
        return string(map, key, env: env)
    }

    /// A relative path is taken relative to the configuration file's directory.
    func resolvedPath(_ path: String) -> String {
        guard !path.hasPrefix("/"), let baseDirectory else { return path }
        return URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Upper bound on secret files: anything bigger is a wrong path, not a token.
    static let maxSecretFileBytes = 1 << 20

    /// The file's text without its trailing newline and surrounding whitespace; problems are
    /// reported at `keyPath` with the path but never the content.
    private mutating func readSecretFile(_ path: String, keyPath: String, line: Int?) -> String? {
        guard !path.isEmpty else {
            report(keyPath, "is empty; give the path of a file that holds the secret", line: line)
            return nil
        }
        let fullPath = resolvedPath(path)
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: fullPath, isDirectory: &isDirectory) else {
            report(keyPath, "file \(fullPath) does not exist", line: line)
            return nil
        }
        guard !isDirectory.boolValue else {
            report(keyPath, "\(fullPath) is a directory, not a file", line: line)
            return nil
        }
        guard files.isReadableFile(atPath: fullPath), let data = files.contents(atPath: fullPath) else {
            report(keyPath, "file \(fullPath) is not readable by this user (uid \(getuid()))", line: line)
            return nil
        }
        guard data.count <= Self.maxSecretFileBytes else {
            report(keyPath, "file \(fullPath) is larger than 1 MiB; it is not a secret file", line: line)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report(keyPath, "file \(fullPath) is not UTF-8 text", line: line)
            return nil
        }
        let content = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !content.isEmpty else {
            report(keyPath, "file \(fullPath) is empty", line: line)
            return nil
        }
        return content
    }
}
