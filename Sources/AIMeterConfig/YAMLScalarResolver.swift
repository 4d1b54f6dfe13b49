import Yams

/// The implicit tag of a plain (unquoted, untagged) YAML scalar: Yams's default YAML 1.1 rules
/// (bool, int, float, merge, null, timestamp, value, tried in that order), matched by hand.
///
/// Yams matches these rules with `NSRegularExpression`, whose first use loads ICU: megabytes of
/// resident memory in both daemons for reading a config file. The config is parsed with Yams's
/// rule-less resolver instead and its plain scalars are typed here; a test checks this against
/// Yams's own rules.
enum YAMLScalarResolver {
    /// The tag Yams's default resolver gives the plain scalar `text` (`.str` when no rule matches).
    static func tag(of text: String) -> Tag.Name {
        let bytes = Array(text.utf8)
        if isBool(text) { return .bool }
        if isInt(bytes) { return .int }
        if isFloat(bytes) { return .float }
        if text == "<<" { return .merge }
        if ["~", "null", "Null", "NULL", ""].contains(text) { return .null }
        if isTimestamp(bytes) { return .timestamp }
        if text == "=" { return .value }
        return .str
    }

    private static let bools: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    static func isBool(_ text: String) -> Bool { bools.contains(text) }

    /// `[-+]?` then `0b[01_]+`, `0o?[0-7_]+`, `0`, `[1-9][0-9_]*`, `0x[0-9a-fA-F_]+`, or the
    /// sexagesimal `[1-9][0-9_]*(:[0-5]?[0-9])+`.
    static func isInt(_ bytes: [UInt8]) -> Bool {
        var body = Scanner(bytes)
        body.skipSign()
        let start = body
        var scanner = start
        if scanner.literal("0b"), scanner.many(isBinaryDigit) > 0, scanner.atEnd { return true }
        scanner = start
        if scanner.literal("0") {
            _ = scanner.literal("o")
            if scanner.many(isOctalDigit) > 0, scanner.atEnd { return true }
        }
        scanner = start
        if scanner.literal("0"), scanner.atEnd { return true }
        scanner = start
        if scanner.one(isNonZeroDigit) {
            scanner.many(isDecimalDigit)
            if scanner.atEnd { return true }
            if scanner.sexagesimalGroups() > 0, scanner.atEnd { return true }
        }
        scanner = start
        return scanner.literal("0x") && scanner.many(isHexDigit) > 0 && scanner.atEnd
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`,
    /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `[-+]?\.(inf|Inf|INF)` or `\.(nan|NaN|NAN)`.
    static func isFloat(_ bytes: [UInt8]) -> Bool {
        let start = Scanner(bytes)
        var scanner = start
        scanner.skipSign()
        let signed = scanner
        // Decimal with optional fraction and exponent.
        if scanner.one(isDigit) {
            scanner.many(isDecimalDigit)
            if scanner.literal(".") { scanner.many(isDecimalDigit) }
            if scanner.exponent(signRequired: false), scanner.atEnd { return true }
        }
        // A leading dot, unsigned.
        scanner = start
        if scanner.literal("."), scanner.many(isDecimalDigit) > 0, scanner.exponent(signRequired: true), scanner.atEnd {
            return true
        }
        // Sexagesimal with a fraction.
        scanner = signed
        if scanner.one(isDigit) {
            scanner.many(isDecimalDigit)
            if scanner.sexagesimalGroups() > 0, scanner.literal(".") {
                scanner.many(isDecimalDigit)
                if scanner.atEnd { return true }
            }
        }
        scanner = signed
        if [".inf", ".Inf", ".INF"].contains(where: { scanner.rest.elementsEqual($0.utf8) }) { return true }
        return [".nan", ".NaN", ".NAN"].contains { bytes == Array($0.utf8) }
    }

    /// `YYYY-MM-DD`, or `YYYY-M-D` with a time `(T|t|[ \t]+)H:MM:SS(.f*)?` and an optional zone
    /// `[ \t]*(Z|[-+]H(:MM)?)`.
    static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var scanner = Scanner(bytes)
        guard scanner.digits(4), scanner.literal("-") else { return false }
        let afterYear = scanner
        if scanner.digits(2), scanner.literal("-"), scanner.digits(2), scanner.atEnd { return true }
        scanner = afterYear
        guard scanner.digits(1, upTo: 2), scanner.literal("-"), scanner.digits(1, upTo: 2) else { return false }
        if !scanner.one({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
            guard scanner.many(isBlank) > 0 else { return false }
        }
        guard scanner.digits(1, upTo: 2), scanner.literal(":"), scanner.digits(2), scanner.literal(":"), scanner.digits(2)
        else { return false }
        if scanner.literal(".") { scanner.many(isDigit) }
        if scanner.atEnd { return true }
        scanner.many(isBlank)
        if scanner.literal("Z") { return scanner.atEnd }
        guard scanner.one({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), scanner.digits(1, upTo: 2) else {
            return false
        }
        if scanner.atEnd { return true }
        return scanner.literal(":") && scanner.digits(2) && scanner.atEnd
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isNonZeroDigit(_ byte: UInt8) -> Bool { (0x31...0x39).contains(byte) }
    private static func isDecimalDigit(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: "_") }
    private static func isBinaryDigit(_ byte: UInt8) -> Bool { byte == 0x30 || byte == 0x31 || byte == UInt8(ascii: "_") }
    private static func isOctalDigit(_ byte: UInt8) -> Bool { (0x30...0x37).contains(byte) || byte == UInt8(ascii: "_") }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDecimalDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// A position in the scalar's bytes; copying it saves a point to come back to.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }
        var rest: ArraySlice<UInt8> { bytes[index...] }

        mutating func skipSign() {
            _ = one { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let matches = text.withUTF8Buffer { expected in
                (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
            }
            if matches { index += count }
            return matches
        }

        mutating func one(_ accepts: (UInt8) -> Bool) -> Bool {
            guard !atEnd, accepts(bytes[index]) else { return false }
            index += 1
            return true
        }

        @discardableResult
        mutating func many(_ accepts: (UInt8) -> Bool) -> Int {
            let start = index
            while one(accepts) {}
            return index - start
        }

        /// Exactly `minimum` digits, or up to `maximum` when given.
        mutating func digits(_ minimum: Int, upTo maximum: Int? = nil) -> Bool {
            let start = index
            while index - start < (maximum ?? minimum), one(YAMLScalarResolver.isDigit) {}
            if index - start >= minimum { return true }
            index = start
            return false
        }

        /// `(:[0-5]?[0-9])*`, as many groups as there are; the number of groups.
        mutating func sexagesimalGroups() -> Int {
            var groups = 0
            while true {
                let saved = index
                guard literal(":") else { return groups }
                let digitsStart = index
                // `[0-5]?[0-9]`: two digits when the first is 0-5 and a digit follows, else one.
                if one({ (0x30...0x35).contains($0) }), one(YAMLScalarResolver.isDigit) {
                    groups += 1
                    continue
                }
                index = digitsStart
                guard one(YAMLScalarResolver.isDigit) else {
                    index = saved
                    return groups
                }
                groups += 1
            }
        }

        /// `([eE][-+]?[0-9]+)?` (the sign required when `signRequired`); false only when an
        /// exponent starts but is incomplete, which no alternative accepts either.
        mutating func exponent(signRequired: Bool) -> Bool {
            guard one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return true }
            let signed = one { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
            if signRequired && !signed { return false }
            return many(YAMLScalarResolver.isDigit) > 0
        }
    }
}
