import AIMeterCore
import Foundation

/// Maps Antigravity's `fetchAvailableModels` answer to one item per model.
///
/// Differs from AIMeter on purpose: proto3 JSON omits zero values, so an exhausted model arrives
/// with a `quotaInfo` but no `remainingFraction`. AIMeter drops such a model; here it is an
/// exhausted model (0 % remaining, 100 % used). A model without any `quotaInfo` has no quota and
/// is still skipped.
enum AntigravityModelsParser {
    /// Antigravity windows are reported as 5 hours for every model (as AIMeter does).
    static let windowMinutes: Double = 300

    /// The items, sorted by name like AIMeter (`localeCompare`).
    static func items(from json: JSONReader) throws -> [ProgressItem] {
        let items = try json["models"].members().compactMap { key, model in try item(key: key, model: model) }
        guard !items.isEmpty else {
            throw ProviderError.upstreamError("No model quota data returned by Antigravity")
        }
        return items.sorted { ModelNameCollation.precedes($0.name, $1.name) }
    }

    /// One model's item, or nil when the entry is internal, unnamed or has no quota.
    static func item(key: String, model: JSONReader) throws -> ProgressItem? {
        guard model.value?.objectValue != nil, !isTruthy(model["isInternal"].value) else { return nil }
        let name = model["displayName"].nonEmptyString ?? model["model"].nonEmptyString
            ?? key.trimmingCharacters(in: .whitespacesAndNewlines)
        let quota = model["quotaInfo"]
        guard !name.isEmpty, try quota.optionalObject() != nil else { return nil }
        let fraction = try remainingFraction(quota["remainingFraction"])
        let usedPercent = JSNumber.roundPercentage((1 - fraction) * 100)
        return ProgressItem(
            name: name,
            usedPercent: usedPercent,
            remainingPercent: JSNumber.roundPercentage(100 - usedPercent),
            used: usedPercent,
            limit: 100,
            windowMinutes: windowMinutes,
            resetsAt: resetTime(quota["resetTime"].value).map(UpstreamTime.unixSeconds)
        )
    }

    /// The remaining fraction clamped to 0...1; an omitted value means exhausted (proto3 zero).
    static func remainingFraction(_ field: JSONReader) throws -> Double {
        if field.isMissing { return 0 }
        guard let fraction = field.number else { throw field.typeError(expected: "a number") }
        return min(1, max(0, fraction))
    }

    /// A reset time given as an ISO-8601 string or as epoch seconds/milliseconds.
    static func resetTime(_ value: JSONValue?) -> Date? {
        guard let value else { return nil }
        if case .number(let epoch) = value { return UpstreamTime.fromEpoch(epoch) }
        guard let text = value.nonEmptyString else { return nil }
        if let epoch = Double(text), epoch.isFinite { return UpstreamTime.fromEpoch(epoch) }
        return UpstreamTime.parse(text)
    }

    /// JavaScript truthiness for the flag fields (`true`, non-zero numbers, non-empty strings).
    static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let flag)?: flag
        case .number(let number)?: number != 0 && !number.isNaN
        case .string(let text)?: !text.isEmpty
        case .array?, .object?: true
        default: false
        }
    }
}
