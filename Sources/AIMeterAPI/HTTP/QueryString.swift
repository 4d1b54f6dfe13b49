import AIMeterCore

/// The query of a request URL, decoded the way Express's parser does for flat keys: split on
/// `&`, split each pair at the first `=`, `+` means a space, then percent-decoding.
public struct QueryString: Sendable, Equatable {
    /// Decoded pairs in order; a key may repeat.
    public private(set) var pairs: [(key: String, value: String)]

    /// Parses a raw query (the part after `?`, without it); nil gives an empty query.
    public init(_ raw: String?) {
        pairs = (raw ?? "").split(separator: "&", omittingEmptySubsequences: true).map { part in
            if let equals = part.firstIndex(of: "=") {
                return (Self.decode(part[..<equals]), Self.decode(part[part.index(after: equals)...]))
            }
            return (Self.decode(part), "")
        }
    }

    /// The value when the key appears exactly once; nil when absent or repeated (AIMeter treats
    /// a repeated parameter, which Express turns into an array, as absent).
    public func single(_ key: String) -> String? {
        let values = all(key)
        return values.count == 1 ? values[0] : nil
    }

    /// The first value of `key`, if any.
    public func first(_ key: String) -> String? {
        pairs.first { $0.key == key }?.value
    }

    /// Every value of `key` in order.
    public func all(_ key: String) -> [String] {
        pairs.filter { $0.key == key }.map(\.value)
    }

    /// Equal when the same pairs appear in the same order.
    public static func == (lhs: QueryString, rhs: QueryString) -> Bool {
        lhs.pairs.map(\.key) == rhs.pairs.map(\.key) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.utf8.contains(UInt8(ascii: "+")) ? String(text.map { $0 == "+" ? " " : $0 }) : String(text)
        // A malformed escape (`%zz`) is kept literally, as qs does.
        return PercentEncoding.decode(spaced) ?? spaced
    }
}
