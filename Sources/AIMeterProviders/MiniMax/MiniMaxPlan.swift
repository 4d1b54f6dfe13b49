import AIMeterCore
import Foundation

/// Where a MiniMax plan label comes from, in AIMeter's order: the prompt limit table, the
/// Coding Plan page, then titles in the `remains` body.
enum MiniMaxPlan {
    /// The plan implied by the `Prompt` limit (prompts per 5 hours). "HS" plans are the
    /// high-speed variants, recognised by the first model's name.
    static func fromLimit(_ limit: Double?, firstModel: String?, region: MiniMaxRegion) -> String? {
        guard let limit else { return nil }
        let model = firstModel?.lowercased() ?? ""
        let isHighSpeed = model.contains("highspeed") || model.contains("high-speed")
        switch (region, limit) {
        case (.cn, 40): return "Starter"
        case (.cn, 100): return isHighSpeed ? "Plus-Highspeed" : "Plus"
        case (.cn, 300): return isHighSpeed ? "Max-High-Speed" : "Max"
        case (.global, 100): return "Starter"
        case (.global, 300): return isHighSpeed ? "Plus-High-Speed" : "Plus"
        case (.global, 1000): return isHighSpeed ? "Max-High-Speed" : "Max"
        case (_, 2000): return "Ultra-High-Speed"
        default: return nil
        }
    }

    /// The plan shown on the Coding Plan page: the Next.js page data when present, else a few
    /// patterns on the raw HTML.
    static func fromHTML(_ html: String) -> String? {
        if let json = nextData(in: html) {
            return pagePropsPlan(in: json)
        }
        let patterns = [
            #""planName"\s*:\s*"([^"]+)""#,
            #""plan"\s*:\s*"([^"]+)""#,
            #""packageName"\s*:\s*"([^"]+)""#,
            #"Coding\s*Plan\s*([A-Za-z0-9][A-Za-z0-9\s._-]{0,32})"#,
        ]
        for (index, pattern) in patterns.enumerated() {
            if let capture = firstCapture(pattern, in: html, caseInsensitive: index == 3) {
                let trimmed = capture.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { return trimmed }
            }
        }
        return nil
    }

    /// The JSON inside `<script id="__NEXT_DATA__" …>`, when present and valid.
    static func nextData(in html: String) -> JSONValue? {
        let pattern = #"<script[^>]*id="__NEXT_DATA__"[^>]*>([\s\S]*?)</script>"#
        guard let text = firstCapture(pattern, in: html, caseInsensitive: true) else { return nil }
        return try? JSONValue.parse(text)
    }

    /// Depth-first search for an object with `props.pageProps` that names a plan.
    static func pagePropsPlan(in value: JSONValue) -> String? {
        switch value {
        case .object(let object):
            if let props = object["props"]?["pageProps"] {
                let candidates = [
                    props["currentSubscribeTitle"], props["planName"], props["comboTitle"], props["currentPlanTitle"],
                    props["currentComboCard"]?["title"], props["userInfo"]?["vipType"],
                ]
                if let plan = candidates.lazy.compactMap({ $0?.nonEmptyString }).first { return plan }
            }
            for (_, member) in object.members {
                if let plan = pagePropsPlan(in: member) { return plan }
            }
            return nil
        case .array(let elements):
            return elements.lazy.compactMap(pagePropsPlan).first
        default:
            return nil
        }
    }

    static func firstCapture(_ pattern: String, in text: String, caseInsensitive: Bool) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }
}
