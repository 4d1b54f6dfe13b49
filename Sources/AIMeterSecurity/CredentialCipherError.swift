/// Why credential encryption could not be set up or a sealed value could not be opened.
///
/// Messages name files and modes, never key material or plaintext.
public enum CredentialCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sealed value was modified, truncated, or sealed under another key or context.
    case tampered
    /// The key file grants permissions to group or others.
    case keyFileInsecure(path: String, mode: UInt32)
    /// The key file does not hold exactly 64 hex characters.
    case keyFileInvalid(path: String)
    /// The key file could not be read or created.
    case keyFileUnavailable(path: String, reason: String)

    /// A one-line explanation that names paths and providers, never secret values.
    public var description: String {
        switch self {
        case .tampered:
            "sealed credential failed authentication (modified, or sealed with another key)"
        case .keyFileInsecure(let path, let mode):
            "key file \(path) is accessible by group or others (mode \(String(mode & 0o777, radix: 8))); "
                + "run `chmod 600 \(path)`"
        case .keyFileInvalid(let path):
            "key file \(path) must contain exactly 64 hexadecimal characters"
        case .keyFileUnavailable(let path, let reason):
            "key file \(path) is unavailable: \(reason)"
        }
    }
}
