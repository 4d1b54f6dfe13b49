import Foundation

/// Resolves the export's `timezone` parameter the way AIMeter's `Intl.DateTimeFormat` check does:
/// IANA names and their aliases, case-insensitively; raw UTC offsets are rejected.
public enum ExportTimeZone {
    /// The zone named by `name`, or nil when AIMeter would answer `INVALID_TIMEZONE`.
    public static func resolve(_ name: String) -> TimeZone? {
        guard isPlausibleName(name) else { return nil }
        let lowered = name.lowercased()
        if let canonical = caseInsensitiveNames[lowered] { return TimeZone(identifier: canonical) }
        // Node 20 rejects offsets (`+05:00`, `UTC+8`, `GMT-0300`, `Z`), Foundation would accept some.
        if isRawOffset(lowered) { return nil }
        for candidate in [name, titleCased(name), name.uppercased()] {
            if let zone = TimeZone(identifier: candidate) { return zone }
        }
        return nil
    }

    /// `z`, or an optional `utc`/`gmt`/`ut` followed by a sign and a digit.
    private static func isRawOffset(_ lowered: String) -> Bool {
        if lowered == "z" { return true }
        var rest = Substring(lowered)
        if let prefix = ["utc", "gmt", "ut"].first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(prefix.count) }
        guard let sign = rest.first, sign == "+" || sign == "-", let digit = rest.dropFirst().first else { return false }
        return digit.isASCII && digit.isNumber
    }

    /// Only characters that occur in tz names, and no path tricks: the name reaches the tz loader.
    private static func isPlausibleName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, !name.contains(".."), !name.hasPrefix("/") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_+-/".unicodeScalars.contains(scalar))
        }
    }

    /// `america/new_york` → `America/New_York`.
    private static func titleCased(_ name: String) -> String {
        var result = ""
        var startsWord = true
        for character in name {
            result += startsWord ? character.uppercased() : character.lowercased()
            startsWord = character == "/" || character == "_" || character == "-"
        }
        return result
    }

    /// Lower-cased name → spelling Foundation accepts.
    private static let caseInsensitiveNames: [String: String] = {
        var names: [String: String] = [:]
        for identifier in TimeZone.knownTimeZoneIdentifiers + aliases {
            names[identifier.lowercased()] = identifier
        }
        return names
    }()

    /// Names V8/ICU accept that `knownTimeZoneIdentifiers` does not list.
    private static let aliases: [String] = {
        var list = [
            "UTC", "GMT", "UCT", "Universal", "Zulu", "Greenwich", "GMT0", "GMT+0", "GMT-0",
            "Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/Greenwich", "Etc/GMT0",
            "Etc/GMT+0", "Etc/GMT-0",
            "EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "CET", "EET", "MET", "WET",
            "US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "US/Alaska", "US/Hawaii", "US/Arizona",
            "US/Aleutian", "US/East-Indiana", "US/Michigan", "US/Samoa",
            "Canada/Atlantic", "Canada/Central", "Canada/Eastern", "Canada/Mountain", "Canada/Pacific",
            "Asia/Kolkata", "Asia/Calcutta", "Asia/Saigon", "Asia/Ho_Chi_Minh", "Asia/Katmandu", "Asia/Kathmandu",
            "Asia/Rangoon", "Asia/Yangon", "Europe/Kyiv", "Europe/Kiev", "America/Buenos_Aires",
            "PRC", "ROC", "ROK", "Japan", "Singapore", "Hongkong", "Israel", "Turkey", "Egypt", "Iran", "Cuba",
            "Eire", "Poland", "Portugal", "GB", "NZ", "Navajo", "Iceland", "Jamaica", "Libya",
        ]
        list += (1...14).map { "Etc/GMT-\($0)" } + (1...12).map { "Etc/GMT+\($0)" }
        return list
    }()
}
