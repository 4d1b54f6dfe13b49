import Foundation

/// Normalizes what users paste as a cookie: a bare value, `name=value`, a whole `Cookie:`
/// header, or a `Set-Cookie` line with attributes.
public enum CookieString {
    /// Cookie attribute names that are not cookies (dropped from pasted `Set-Cookie` lines).
    static let attributeNames: Set<String> = [
        "path", "expires", "max-age", "domain", "samesite", "secure", "httponly", "priority", "partitioned",
    ]

    /// `raw` trimmed, without surrounding quotes and without a leading `cookie:` (any case).
    public static func stripped(_ raw: String) -> String {
        var text = unquoted(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.lowercased().hasPrefix("cookie:") {
            text = String(text.dropFirst("cookie:".count)).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// The `name=value` pairs of `text` (split on `;`), values unquoted, attributes and
    /// pairs without a name dropped, duplicates merged (first position, last value).
    public static func pairs(_ text: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { continue }
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !attributeNames.contains(name.lowercased()) else { continue }
            let value = unquoted(pieces[1].trimmingCharacters(in: .whitespaces))
            if let index = result.firstIndex(where: { $0.name == name }) {
                result[index].value = value
            } else {
                result.append((name, value))
            }
        }
        return result
    }

    /// `name=value; name=value`.
    public static func header(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else { return text }
        return String(text.dropFirst().dropLast())
    }
}
