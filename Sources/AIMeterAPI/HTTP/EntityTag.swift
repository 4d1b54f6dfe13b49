import Foundation

/// Weak entity tags for the export and `/metrics`, so pollers can ask "changed?" cheaply.
public enum EntityTag {
    /// `W/"<16 hex>"`: FNV-1a (64 bit) of the bytes. Not a security measure, only a change detector.
    public static func weak(of text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "W/\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` header value matches `tag` (weak comparison, `*` matches all).
    public static func matches(ifNoneMatch header: String?, tag: String) -> Bool {
        guard let header else { return false }
        let opaque = strip(tag)
        return header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || strip(trimmed) == opaque
        }
    }

    private static func strip(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
