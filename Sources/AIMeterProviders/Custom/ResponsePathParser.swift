import Foundation

/// The recursive-descent reader behind ``ResponsePath/init(parsing:)``.
struct ResponsePathParser {
    private let text: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    mutating func parse() throws(ResponsePathError) -> [ResponsePath.Segment] {
        guard !scalars.isEmpty else { throw failure("the path is empty") }
        var segments: [ResponsePath.Segment] = []
        if peek != "[" {
            segments.append(.key(try bareName(what: "member name")))
        }
        while let next = peek {
            switch next {
            case ".":
                position += 1
                segments.append(.key(try bareName(what: "member name")))
            case "[":
                segments.append(try bracket())
            default:
                throw failure("unexpected \"\(next)\"; use . or [ between parts")
            }
        }
        return segments
    }

    // MARK: Pieces

    /// `[N]`, `["key"]` or `[key=value]`.
    private mutating func bracket() throws(ResponsePathError) -> ResponsePath.Segment {
        position += 1  // [
        skipSpaces()
        let segment: ResponsePath.Segment
        if let next = peek, next == "-" || ("0"..."9").contains(next) {
            segment = .index(try integer())
        } else {
            let key = try part(what: "key", stops: "=]")
            skipSpaces()
            if peek == "=" {
                position += 1
                skipSpaces()
                let value = try part(what: "value", stops: "]")
                segment = .select(key: key, value: value)
            } else {
                segment = .key(key)
            }
        }
        skipSpaces()
        guard peek == "]" else { throw failure(peek == nil ? "missing ]" : "expected ]") }
        position += 1
        return segment
    }

    private mutating func integer() throws(ResponsePathError) -> Int {
        let start = position
        if peek == "-" { position += 1 }
        while let next = peek, ("0"..."9").contains(next) { position += 1 }
        let digits = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Int(digits) else { throw failure("invalid index \"\(digits)\"", at: start) }
        return value
    }

    /// A quoted string or a bare run of characters (trimmed) ending before one of `stops`.
    private mutating func part(what: String, stops: String) throws(ResponsePathError) -> String {
        if let quote = peek, quote == "\"" || quote == "'" {
            return try quoted(quote, what: what)
        }
        let start = position
        while let next = peek, !stops.unicodeScalars.contains(next), next != "[", next != "\"", next != "'" {
            position += 1
        }
        let raw = String(String.UnicodeScalarView(scalars[start..<position]))
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw failure("empty \(what)", at: start) }
        return trimmed
    }

    private mutating func quoted(_ quote: Unicode.Scalar, what: String) throws(ResponsePathError) -> String {
        let start = position
        position += 1
        var value = String.UnicodeScalarView()
        while let next = peek {
            position += 1
            if next == quote { return String(value) }
            if next == "\\" {
                guard let escaped = peek else { break }
                position += 1
                value.append(escaped)
            } else {
                value.append(next)
            }
        }
        throw failure("unterminated quoted \(what)", at: start)
    }

    /// A member name after `.` or at the start: no dots, brackets, quotes or spaces.
    private mutating func bareName(what: String) throws(ResponsePathError) -> String {
        let start = position
        while let next = peek, ResponsePath.isBareScalar(next) { position += 1 }
        guard position > start else {
            if let next = peek, next == "\"" || next == "'" {
                throw failure("quoted names go in brackets, e.g. [\"a.b\"]")
            }
            throw failure("empty \(what)")
        }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    // MARK: Helpers

    private var peek: Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    private mutating func skipSpaces() {
        while peek == " " { position += 1 }
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> ResponsePathError {
        ResponsePathError(path: text, reason: reason, position: (offset ?? position) + 1)
    }
}
