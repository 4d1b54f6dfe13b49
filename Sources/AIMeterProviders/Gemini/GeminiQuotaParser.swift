import AIMeterCore
import Foundation

/// Maps Code Assist's `retrieveUserQuota` answer (`buckets[]`) to one item per model.
///
/// Buckets are daily, so every item has a 1-day window. When a model has several buckets (one
/// per token type) the one with the lowest remaining fraction wins. A bucket without
/// `remainingFraction` is exhausted when it also has no (or a zero) `remainingAmount`, because
/// proto3 JSON omits zero values; a bucket with an amount but no fraction cannot be expressed as
/// a percentage and is skipped.
enum GeminiQuotaParser {
    /// Daily buckets.
    static let windowMinutes: Double = 1440

    /// One bucket reduced to what the items need.
    struct Bucket: Equatable {
        var modelId: String
        var remainingFraction: Double
        var resetsAt: Date?
    }

    /// The items, sorted by model id like the Antigravity items.
    static func items(from json: JSONReader) throws -> [ProgressItem] {
        var lowest: [String: Bucket] = [:]
        var order: [String] = []
        for bucket in try buckets(from: json) {
            if let existing = lowest[bucket.modelId] {
                if bucket.remainingFraction < existing.remainingFraction { lowest[bucket.modelId] = bucket }
            } else {
                lowest[bucket.modelId] = bucket
                order.append(bucket.modelId)
            }
        }
        guard !order.isEmpty else {
            throw ProviderError.upstreamError("No quota buckets returned by Gemini Code Assist")
        }
        return order.sorted(by: ModelNameCollation.precedes).compactMap { lowest[$0] }.map { bucket in
            let usedPercent = JSNumber.roundPercentage((1 - bucket.remainingFraction) * 100)
            return ProgressItem(
                name: bucket.modelId,
                usedPercent: usedPercent,
                remainingPercent: JSNumber.roundPercentage(100 - usedPercent),
                windowMinutes: windowMinutes,
                resetsAt: bucket.resetsAt.map(UpstreamTime.unixSeconds)
            )
        }
    }

    /// The usable buckets in answer order (a missing list means none).
    static func buckets(from json: JSONReader) throws -> [Bucket] {
        try (json["buckets"].optionalArray() ?? []).compactMap { bucket in
            _ = try bucket.object()
            guard let modelId = bucket["modelId"].nonEmptyString, let fraction = try fraction(of: bucket) else { return nil }
            return Bucket(modelId: modelId, remainingFraction: fraction, resetsAt: AntigravityModelsParser.resetTime(bucket["resetTime"].value))
        }
    }

    /// The remaining fraction (0...1), 0 for an omitted one with no amount left, nil when unknown.
    static func fraction(of bucket: JSONReader) throws -> Double? {
        let fraction = bucket["remainingFraction"]
        if !fraction.isMissing {
            guard let value = fraction.number else { throw fraction.typeError(expected: "a number") }
            return min(1, max(0, value))
        }
        let amount = bucket["remainingAmount"]
        if amount.isMissing { return 0 }
        guard let remaining = amount.number else { throw amount.typeError(expected: "a number") }
        return remaining == 0 ? 0 : nil
    }
}
