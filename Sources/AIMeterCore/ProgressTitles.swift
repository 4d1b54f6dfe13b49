import Foundation

/// AIMeter's `enrichProgressTitles`: the `desc` served to clients, computed from the stored one.
public enum ProgressTitles {

    /// The served description of `item` for a provider of type `provider`.
    public static func enrichedDesc(for item: ProgressItem, provider: ProviderType) -> String {
        let current = (item.desc ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let duration = WindowDuration.describe(minutes: item.windowMinutes)
        if !duration.isEmpty {
            let window = duration + " window"
            if current.isEmpty { return window }
            // "N unit window( for ...)" descriptions are rewritten from the window length.
            if let suffix = WindowDescription.suffix(of: current) {
                return window + suffix
            }
            return current
        }
        if !current.isEmpty { return current }
        return fallbackTitle(name: item.name, provider: provider)
    }

    /// Returns `items` with each `desc` replaced by its enriched form.
    public static func enrich(_ items: [ProgressItem], provider: ProviderType) -> [ProgressItem] {
        items.map { item in
            var copy = item
            copy.desc = enrichedDesc(for: item, provider: provider)
            return copy
        }
    }

    private static func fallbackTitle(name: String, provider: ProviderType) -> String {
        let normalized = name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
        switch provider {
        case .claude, .ollama:
            switch normalized {
            case "session": return "Session quota window"
            case "weekly": return "Weekly quota window"
            default: return ""
            }
        case .openrouter:
            switch normalized {
            case "daily credits": return "1 day window"
            case "weekly credits": return "7 days window"
            case "monthly credits": return "30 days window"
            case "total credits", "credits": return "total window"
            default: return ""
            }
        case .kimi:
            switch normalized {
            case "primary": return "Primary quota window"
            case "secondary": return "Secondary quota window"
            default: return ""
            }
        default:
            return ""
        }
    }
}
