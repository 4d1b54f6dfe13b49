import AIMeterCore
import Foundation

/// Finds OpenCode's usage windows in a JSON document: first by the known field names, then by
/// heuristics over every object that looks like a window.
enum OpenCodeJSONUsage {
    static let rollingKeys = ["rollingUsage", "rolling", "rolling_usage", "rollingWindow", "rolling_window"]
    static let weeklyKeys = ["weeklyUsage", "weekly", "weekly_usage", "weeklyWindow", "weekly_window"]
    static let monthlyKeys = ["monthlyUsage", "monthly", "monthly_usage", "monthlyWindow", "monthly_window"]
    static let containerKeys = ["data", "result", "usage", "billing", "payload"]

    /// The usage in `json`, or nil when it has no rolling and weekly window.
    static func usage(in json: JSONValue, now: Date) -> OpenCodeUsage? {
        named(in: json, now: now) ?? heuristic(in: json, now: now)
    }

    /// AIMeter's `parseUsageNode`: `usage` first, then a rolling + weekly pair (monthly
    /// optional) in this object, then the usual containers, then every member.
    static func named(in value: JSONValue, now: Date) -> OpenCodeUsage? {
        guard let object = value.objectValue else { return nil }
        if let nested = value["usage"], nested.objectValue != nil, let usage = named(in: nested, now: now) { return usage }
        if let rolling = firstObject(value, rollingKeys).flatMap({ OpenCodeWindowReader.window(in: $0, now: now) }),
            let weekly = firstObject(value, weeklyKeys).flatMap({ OpenCodeWindowReader.window(in: $0, now: now) })
        {
            let monthly = firstObject(value, monthlyKeys).flatMap { OpenCodeWindowReader.window(in: $0, now: now) }
            return OpenCodeUsage(rolling: rolling, weekly: weekly, monthly: monthly)
        }
        for key in containerKeys {
            if let nested = value[key], nested.objectValue != nil, let usage = named(in: nested, now: now) { return usage }
        }
        return object.members.lazy.compactMap { named(in: $0.value, now: now) }.first
    }

    /// A window found somewhere in the document, with its path.
    struct Candidate: Equatable {
        var id: String
        var window: OpenCodeWindow
        var lowercasedPath: String { id.lowercased() }
    }

    /// Every object of the document that reads as a window, depth first.
    static func candidates(in value: JSONValue, path: [String] = [], now: Date) -> [Candidate] {
        switch value {
        case .array(let elements):
            return elements.enumerated().flatMap { candidates(in: $1, path: path + ["[\($0)]"], now: now) }
        case .object(let object):
            var found: [Candidate] = []
            if let window = OpenCodeWindowReader.window(in: value, now: now) {
                found.append(Candidate(id: path.isEmpty ? "root" : path.joined(separator: "."), window: window))
            }
            for (key, nested) in object.members { found += candidates(in: nested, path: path + [key], now: now) }
            return found
        default:
            return []
        }
    }

    /// Heuristic pick: rolling = shortest reset among `rolling|hour|5h|5-hour` paths (else
    /// among all), weekly = longest reset among `weekly|week` paths (else among all) other than
    /// the rolling pick, monthly = longest reset among `monthly|month` paths other than both
    /// picks (no fallback: a monthly window is never invented). Ties go to the higher percent.
    static func heuristic(in json: JSONValue, now: Date) -> OpenCodeUsage? {
        let all = candidates(in: json, now: now)
        let rollingPattern = ["rolling", "hour", "5h", "5-hour"]
        let rolling = pick(all.filter { matches($0, rollingPattern) }, fallback: all, shortest: true, excluding: [])
        guard let rolling else { return nil }
        let weekly = pick(all.filter { matches($0, ["weekly", "week"]) }, fallback: all, shortest: false, excluding: [rolling.id])
        guard let weekly else { return nil }
        let monthly = pick(all.filter { matches($0, ["monthly", "month"]) }, fallback: [], shortest: false, excluding: [rolling.id, weekly.id])
        return OpenCodeUsage(rolling: rolling.window, weekly: weekly.window, monthly: monthly?.window)
    }

    private static func matches(_ candidate: Candidate, _ words: [String]) -> Bool {
        words.contains { candidate.lowercasedPath.contains($0) }
    }

    private static func pick(_ preferred: [Candidate], fallback: [Candidate], shortest: Bool, excluding: Set<String>) -> Candidate? {
        func best(_ list: [Candidate]) -> Candidate? {
            list.filter { !excluding.contains($0.id) }.sorted { a, b in
                if a.window.resetInSeconds == b.window.resetInSeconds { return a.window.usedPercent > b.window.usedPercent }
                return shortest ? a.window.resetInSeconds < b.window.resetInSeconds : a.window.resetInSeconds > b.window.resetInSeconds
            }.first
        }
        return best(preferred) ?? best(fallback)
    }

    private static func firstObject(_ value: JSONValue, _ keys: [String]) -> JSONValue? {
        keys.lazy.compactMap { key in value[key].flatMap { $0.objectValue != nil ? $0 : nil } }.first
    }
}
