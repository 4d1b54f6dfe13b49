import AIMeterCore
import Foundation

/// The Bailian console cookie header, normalized the way AIMeter does it.
struct AliyunCookie: Sendable, Equatable {
    /// The header value sent upstream.
    let header: String

    /// Why a pasted value cannot be a cookie header (the messages never echo the value).
    enum Problem: String, Error, Sendable {
        case empty = "cookie is empty"
        case curlCommand = "paste the Cookie header value only, not a cURL command"
        case notACookie = "not a cookie header (no name=value pair)"
    }

    /// Trims, strips a leading `cookie:` and surrounding double quotes, and rejects values that
    /// cannot be a cookie header.
    init(normalizing raw: String) throws(Problem) {
        var value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.lowercased().hasPrefix("cookie:") { value = String(value.dropFirst("cookie:".count)) }
        value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .empty }
        if value.range(of: #"^curl\s+"#, options: [.regularExpression, .caseInsensitive]) != nil { throw .curlCommand }
        guard value.contains("=") else { throw .notACookie }
        header = value
    }

    /// The first non-empty value of a cookie named one of `names`, percent-decoded when possible.
    func value(named names: Set<String>) -> String? {
        for part in header.split(separator: ";") {
            guard let equals = part.firstIndex(of: "="), equals > part.startIndex else { continue }
            let name = part[..<equals].trimmingCharacters(in: .whitespaces)
            let value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard names.contains(name), !value.isEmpty else { continue }
            return value.removingPercentEncoding ?? value
        }
        return nil
    }

    /// `sec_token` when the cookie already carries one (then the console page is not fetched).
    var secToken: String? { value(named: ["sec_token", "secToken"]) }

    /// The console's anonymous id, sent back in the gateway parameters.
    var anonymousId: String { value(named: ["cna"]) ?? "" }

    /// The region the console last used, when it is a well-formed region id.
    var currentRegion: String? { value(named: ["currentRegionId"]).flatMap { AliyunRegion.isWellFormed($0) ? $0 : nil } }
}

/// Bailian console regions. They only appear in paths and form fields; the host never changes.
enum AliyunRegion {
    /// Used when neither the config nor the cookie names a region.
    static let fallback = "cn-beijing"

    /// Whether `region` looks like an Alibaba Cloud region id (`cn-beijing`, `ap-southeast-1`).
    static func isWellFormed(_ region: String) -> Bool {
        region.range(of: #"^[a-z]{2,}(-[a-z0-9]+)+$"#, options: .regularExpression) != nil
    }

    /// The config region when set, else the cookie's, else `cn-beijing`.
    static func resolve(configured: String?, cookie: AliyunCookie) -> String {
        if let configured = configured?.trimmingCharacters(in: .whitespaces), !configured.isEmpty { return configured }
        return cookie.currentRegion ?? fallback
    }
}
