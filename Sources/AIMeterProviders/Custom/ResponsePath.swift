import Foundation

/// A location in a JSON answer, written in the small path syntax of the `custom` provider:
///
/// - dotted member names: `data.quota`, `five_hour.utilization`;
/// - array indexes in brackets: `results[0]`, `results[-1]` (negative counts from the end);
/// - selectors on arrays of objects: `accounts[name=main]` picks the first element whose
///   member `name` equals `main` (strings compare as text, numbers as JavaScript prints them,
///   booleans as `true`/`false`);
/// - quoted names for keys with dots, spaces or brackets: `["weird.key"]`, `['a b']`, and
///   quoted selector parts: `accounts["display name"="Team A"]`.
///
/// A path may start with a bracket (`[0].value`, `[id=7].used`) when the answer is an array.
/// Inside quotes, `\` escapes the next character.
public struct ResponsePath: Sendable, Equatable, CustomStringConvertible {
    /// One step of a path.
    public enum Segment: Sendable, Equatable {
        /// An object member.
        case key(String)
        /// An array element; negative values count from the end (`-1` is the last).
        case index(Int)
        /// The first array element that is an object whose `key` member equals `value`.
        case select(key: String, value: String)
    }

    /// The steps, from the root.
    public let segments: [Segment]

    /// Parses `text`; throws ``ResponsePathError`` naming the first problem and its position.
    public init(parsing text: String) throws(ResponsePathError) {
        var parser = ResponsePathParser(text)
        segments = try parser.parse()
    }

    /// Creates a path from already-built segments (at least one).
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// The canonical spelling (quotes only where needed), used in error messages.
    public var description: String {
        Self.render(segments[...])
    }

    /// The canonical spelling of the first `count` segments.
    func prefix(_ count: Int) -> String {
        Self.render(segments.prefix(count))
    }

    static func render(_ segments: ArraySlice<Segment>) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key):
                if isBare(key) {
                    text += text.isEmpty ? key : ".\(key)"
                } else {
                    text += "[\(quoted(key))]"
                }
            case .index(let index):
                text += "[\(index)]"
            case .select(let key, let value):
                let renderedKey = isBare(key) ? key : quoted(key)
                let renderedValue = isBare(value) ? value : quoted(value)
                text += "[\(renderedKey)=\(renderedValue)]"
            }
        }
        return text
    }

    /// Whether `text` can be written without quotes (as a member name or selector part).
    static func isBare(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(isBareScalar)
    }

    static func isBareScalar(_ scalar: Unicode.Scalar) -> Bool {
        !".[]=\"'\\".unicodeScalars.contains(scalar) && !CharacterSet.whitespacesAndNewlines.contains(scalar)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Why a path could not be parsed.
public struct ResponsePathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as written.
    public let path: String
    /// What is wrong.
    public let reason: String
    /// 1-based character position of the problem.
    public let position: Int

    /// Creates an error.
    public init(path: String, reason: String, position: Int) {
        self.path = path
        self.reason = reason
        self.position = position
    }

    /// `invalid path "a..b": empty member name at character 3`.
    public var description: String {
        "invalid path \"\(path)\": \(reason) at character \(position)"
    }
}
