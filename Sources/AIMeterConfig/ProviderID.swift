import AIMeterCore
import Crypto

/// Provider ids: validation of configured ones and the stable id derived when none is given.
public enum ProviderID {
    /// Longest accepted id.
    public static let maxLength = 64

    /// The id of an entry without `id:`: the first 32 hex characters of
    /// SHA-256(`"aimeter:<provider>:<name or empty>"`). It stays the same when entries are
    /// reordered, and changes when the type or the name changes.
    public static func derive(type: ProviderType, name: String?) -> String {
        let digest = SHA256.hash(data: Array("aimeter:\(type.rawValue):\(name ?? "")".utf8))
        return String(digest.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined().prefix(32))
    }

    /// Whether `id` matches `[A-Za-z0-9_-]{1,64}`.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maxLength
            && id.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95 || byte == 45
            }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
