import AIMeterCore
import Foundation

/// Reads the usage blocks of ollama.com's `/settings` page.
///
/// Differs from AIMeter on purpose: AIMeter searched the 800 characters after a label, which
/// can reach into the next block and report its percentage. Here a block's search also stops at
/// the next usage label.
enum OllamaSettingsParser {
    /// Labels of the short window, tried in order.
    static let sessionLabels = ["Session usage", "Hourly usage"]
    /// Labels of the weekly window.
    static let weeklyLabels = ["Weekly usage"]
    /// How far after its label a block may extend.
    static let blockCharacters = 800

    /// One usage block.
    struct Block: Equatable {
        var usedPercent: Double
        var resetsAt: Date?
    }

    /// The `Session` and `Weekly` items; throws when the page has neither block.
    static func items(in html: String) throws -> [ProgressItem] {
        var items: [ProgressItem] = []
        if let session = block(labels: sessionLabels, in: html) { items.append(item("Session", session)) }
        if let weekly = block(labels: weeklyLabels, in: html) { items.append(item("Weekly", weekly)) }
        guard !items.isEmpty else {
            throw ProviderError.decoding(path: "Session usage", message: "Could not parse Ollama usage data")
        }
        return items
    }

    /// The first label (in order) whose block has a percentage.
    static func block(labels: [String], in html: String) -> Block? {
        labels.lazy.compactMap { label in blockText(after: label, in: html).flatMap(parseBlock) }.first
    }

    /// The text after the first (case-sensitive) occurrence of `label`, up to the next usage
    /// label or `blockCharacters`, whichever comes first.
    static func blockText(after label: String, in html: String) -> String? {
        guard let labelRange = html.range(of: label) else { return nil }
        let start = labelRange.upperBound
        var end = html.index(start, offsetBy: blockCharacters, limitedBy: html.endIndex) ?? html.endIndex
        for other in sessionLabels + weeklyLabels {
            if let next = html.range(of: other, range: start..<end) { end = min(end, next.lowerBound) }
        }
        return String(html[start..<end])
    }

    /// `N% used`, else the progress bar's `width: N%`, and the `data-time` reset.
    static func parseBlock(_ text: String) -> Block? {
        let percent = AgentPattern.firstCapture(#"([0-9]+(?:\.[0-9]+)?)\s*%\s*used"#, in: text)
            ?? AgentPattern.firstCapture(#"width:\s*([0-9]+(?:\.[0-9]+)?)%"#, in: text)
        guard let usedPercent = percent.flatMap(Double.init) else { return nil }
        let resetsAt = AgentPattern.firstCapture(#"data-time=["']([^"']+)["']"#, in: text).flatMap(UpstreamTime.parse)
        return Block(usedPercent: usedPercent, resetsAt: resetsAt)
    }

    /// An item as AIMeter stores it: empty `desc` (served as "Session quota window" /
    /// "Weekly quota window"), no window length, used or limit.
    static func item(_ name: String, _ block: Block) -> ProgressItem {
        let usedPercent = JSNumber.roundPercentage(block.usedPercent)
        return ProgressItem(
            name: name,
            desc: "",
            usedPercent: usedPercent,
            remainingPercent: JSNumber.roundPercentage(100 - usedPercent),
            resetsAt: block.resetsAt.map(UpstreamTime.unixSeconds)
        )
    }

    /// AIMeter's signed-out detector: a form together with a sign-in heading and credential
    /// fields, or with a sign-in route, or with both email and password fields.
    static func isSignedOut(_ html: String) -> Bool {
        let lower = html.lowercased()
        func any(_ needles: [String]) -> Bool { needles.contains(where: lower.contains) }
        func field(_ name: String) -> Bool {
            any(["type=\"\(name)\"", "type='\(name)'", "name=\"\(name)\"", "name='\(name)'"])
        }
        let heading = any(["sign in to ollama", "log in to ollama"])
        let form = lower.contains("<form")
        let routes = ["/api/auth/signin", "/auth/signin"] + ["action", "href"].flatMap { attribute in
            ["/login", "/signin"].flatMap { ["\(attribute)=\"\($0)\"", "\(attribute)='\($0)'"] }
        }
        let authRoute = any(routes)
        let password = field("password")
        let email = field("email")
        return (heading && form && (email || password || authRoute)) || (form && authRoute) || (form && password && email)
    }
}
