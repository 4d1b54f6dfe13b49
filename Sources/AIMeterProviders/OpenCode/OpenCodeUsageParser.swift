import AIMeterCore
import Foundation

/// Reads OpenCode usage from any of the bodies the adapter may get: JSON, seroval
/// server-function text, or the go page's hydration script.
enum OpenCodeUsageParser {
    /// Whether `text` carries usage windows (the fallback chain moves on when it does not).
    static func hasUsagePayload(_ text: String, now: Date) -> Bool {
        if let json = try? JSONValue.parse(text) { return OpenCodeJSONUsage.usage(in: json, now: now) != nil }
        return AgentPattern.matches("rollingUsage[^}]*usagePercent", in: text)
            || AgentPattern.matches("weeklyUsage[^}]*usagePercent", in: text)
    }

    /// The usage in `text`; a decoding error names the first missing field.
    static func usage(in text: String, now: Date) throws -> OpenCodeUsage {
        if let json = try? JSONValue.parse(text), let usage = OpenCodeJSONUsage.usage(in: json, now: now) {
            return usage
        }
        func window(_ label: String) throws -> OpenCodeWindow {
            guard let percent = capture(label, "usagePercent", #"[0-9]+(?:\.[0-9]+)?"#, in: text) else {
                throw ProviderError.decoding(path: "\(label).usagePercent", message: "OpenCode usage payload changed")
            }
            guard let reset = capture(label, "resetInSec", "[0-9]+", in: text) else {
                throw ProviderError.decoding(path: "\(label).resetInSec", message: "OpenCode usage payload changed")
            }
            return OpenCodeWindow(usedPercent: min(100, max(0, percent)), resetInSeconds: max(0, JSNumber.round(reset)))
        }
        let rolling = try window("rollingUsage")
        let weekly = try window("weeklyUsage")
        let monthly = try? window("monthlyUsage")
        return OpenCodeUsage(rolling: rolling, weekly: weekly, monthly: monthly)
    }

    /// `<label>…<field>: <number>` within the label's object literal.
    private static func capture(_ label: String, _ field: String, _ number: String, in text: String) -> Double? {
        AgentPattern.firstCapture("\(label)[^}]*?\(field)\\s*:\\s*(\(number))", in: text).flatMap(Double.init)
    }
}
