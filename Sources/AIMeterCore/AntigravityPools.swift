import Foundation

/// Antigravity's display-only pooling, applied when serving `/api/proxy/latest` (AIMeter's
/// `attrs.antigravity.displayMode` / `poolConfig`, here `options.displayMode` / `options.poolConfig`).
///
/// Stored snapshots always keep one item per model; this function groups them for display.
public enum AntigravityPools {
    /// The display mode option values.
    public enum DisplayMode: String, Sendable, CaseIterable {
        /// One item per pool (the default).
        case pool
        /// One item per model, as stored.
        case models
    }

    /// The pools AIMeter always knows, in display order; configured pools sort after them.
    static let builtInOrder = ["Claude", "Gemini Pro", "Gemini Flash"]

    /// The items to display for `items` under the provider's `options`.
    ///
    /// In `pool` mode (the default): each item goes to the first `poolConfig` pool with a
    /// pattern that is a case-insensitive substring of its name, else `Gemini Pro` (gemini and
    /// pro), `Gemini Flash` (gemini and flash) or `Claude`. Each pool shows its most used item,
    /// renamed to the pool, with `used = usedPercent` and `limit = 100`. Pools are ordered
    /// Claude, Gemini Pro, Gemini Flash, then the others by name.
    public static func pool(items: [ProgressItem], options: [String: JSONValue]) -> [ProgressItem] {
        if options["displayMode"]?.stringValue == DisplayMode.models.rawValue { return items }
        let patterns = poolPatterns(options["poolConfig"])
        var pools: [String: ProgressItem] = [:]
        for item in items {
            let poolName = self.poolName(for: item.name, patterns: patterns)
            if let existing = pools[poolName], item.usedPercent <= existing.usedPercent { continue }
            var pooled = item
            pooled.name = poolName
            pooled.remainingPercent = item.remainingPercent ?? max(0, 100 - item.usedPercent)
            pooled.used = item.usedPercent
            pooled.limit = 100
            pools[poolName] = pooled
        }
        return pools.values.sorted { left, right in
            let leftRank = builtInOrder.firstIndex(of: left.name) ?? builtInOrder.count
            let rightRank = builtInOrder.firstIndex(of: right.name) ?? builtInOrder.count
            if leftRank != rightRank { return leftRank < rightRank }
            return ModelNameCollation.precedes(left.name, right.name)
        }
    }

    /// Problems with `displayMode` and `poolConfig`, keyed like the config (`options.poolConfig.x`).
    public static func problems(options: [String: JSONValue]) -> [String] {
        var problems: [String] = []
        if let mode = options["displayMode"], mode.stringValue.flatMap(DisplayMode.init(rawValue:)) == nil {
            problems.append("options.displayMode: must be one of pool, models")
        }
        guard let config = options["poolConfig"] else { return problems }
        guard let pools = config.objectValue else {
            return problems + ["options.poolConfig: must be a map of pool name to a list of name substrings"]
        }
        for (name, value) in pools.members {
            let valid = value.arrayValue.map { !$0.isEmpty && $0.allSatisfy { $0.nonEmptyString != nil } } ?? false
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("options.poolConfig: pool names must not be empty")
            } else if !valid {
                problems.append("options.poolConfig.\(name): must be a non-empty list of non-empty strings")
            }
        }
        return problems
    }

    /// The configured pools in config order, each with its lower-cased patterns; pools without
    /// usable patterns are ignored (as AIMeter does).
    static func poolPatterns(_ value: JSONValue?) -> [(pool: String, patterns: [String])] {
        guard let pools = value?.objectValue else { return [] }
        return pools.members.compactMap { name, list in
            let patterns = (list.arrayValue ?? []).compactMap { $0.nonEmptyString?.lowercased() }
            return patterns.isEmpty ? nil : (name, patterns)
        }
    }

    /// The pool an item named `name` belongs to.
    static func poolName(for name: String, patterns: [(pool: String, patterns: [String])]) -> String {
        let normalized = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let match = patterns.first(where: { $0.patterns.contains { normalized.contains($0) } }) {
            return match.pool
        }
        if normalized.contains("gemini") && normalized.contains("pro") { return "Gemini Pro" }
        if normalized.contains("gemini") && normalized.contains("flash") { return "Gemini Flash" }
        return "Claude"
    }
}
