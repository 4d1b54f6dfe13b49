import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CredentialCipher {
    /// The key file used when no encryption key is configured: `<database path>.key`.
    public static func keyFilePath(forDatabase path: String) -> String {
        path + ".key"
    }

    /// Loads the key file at `path`, creating it (64 random hex characters, mode 0600) when
    /// missing. The file's text is used as key material exactly like a configured key.
    ///
    /// Refuses a file that group or others may access, and one that is not 64 hex characters.
    public static func loadOrCreateKeyFile(at path: String) throws -> CredentialCipher {
        if !FileManager.default.fileExists(atPath: path) {
            try createKeyFile(at: path)
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CredentialCipherError.keyFileUnavailable(path: path, reason: errnoText())
        }
        let mode = UInt32(info.st_mode)
        guard mode & 0o077 == 0 else {
            throw CredentialCipherError.keyFileInsecure(path: path, mode: mode & 0o7777)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialCipherError.keyFileUnavailable(path: path, reason: "cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Hex.isHex(text, length: 64) else { throw CredentialCipherError.keyFileInvalid(path: path) }
        return CredentialCipher(keyMaterial: text)
    }

    /// Writes a new key to a temporary file (0600, flushed) and links it into place, so a
    /// concurrent or interrupted start never sees a half-written key; an existing file wins.
    private static func createKeyFile(at path: String) throws {
        let key = Hex.encode(SecretGenerator.randomBytes(count: 32)) + "\n"
        let temporary = path + ".tmp-" + SecretGenerator.hex32()
        let descriptor = createExclusively(temporary, mode: 0o600)
        guard descriptor >= 0 else {
            throw CredentialCipherError.keyFileUnavailable(path: path, reason: errnoText())
        }
        defer { unlink(temporary) }
        let bytes = Array(key.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let flushed = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, flushed else {
            throw CredentialCipherError.keyFileUnavailable(path: path, reason: "cannot write the new key")
        }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw CredentialCipherError.keyFileUnavailable(path: path, reason: errnoText())
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// `open(2)` with `O_CREAT | O_EXCL`: fails when the file exists. At file scope so that `open`
/// names the C function, not `CredentialCipher.open(_:)`.
private func createExclusively(_ path: String, mode: mode_t) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
}
