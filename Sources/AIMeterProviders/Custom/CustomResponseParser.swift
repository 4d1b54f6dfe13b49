import AIMeterCore
import AIMeterHTTP
import Foundation

/// Pure mapping of a `custom` provider's JSON answer to a snapshot, driven by its ``CustomMapping``.
enum CustomResponseParser {
    /// The snapshot for `body`.
    ///
    /// - Parameters:
    ///   - manualPlan: `plan` of the provider entry, used when no plan path is mapped or it finds null.
    ///   - secrets: Credential and header values, blanked out of any upstream error text.
    static func snapshot(_ body: Data, mapping: CustomMapping, manualPlan: String?, secrets: [String], now: Date) throws -> UsageSnapshot {
        let root = try JSONReader.parse(body).value ?? .null
        let values = CustomValueReader(root: root)
        if let errorPath = mapping.errorPath, let text = hiddenError(at: errorPath, in: root) {
            let cleaned = BodyPrefix.of(Data(text.utf8), redacting: secrets)
            throw ProviderError.upstreamError("Upstream reported an error at \(errorPath): \(cleaned)")
        }
        var items: [ProgressItem] = []
        for item in mapping.items {
            do {
                items.append(try CustomItemBuilder(mapping: item, values: values).item())
            } catch let missing as CustomValueReader.Missing {
                if !item.optional { throw missing.providerError }
            }
        }
        let cost = try mapping.cost.flatMap { try self.cost($0, values: values) }
        var plan: String?
        if let path = mapping.plan {
            do {
                plan = try values.label(path)
            } catch let missing as CustomValueReader.Missing {
                throw missing.providerError
            }
        }
        if items.isEmpty && cost == nil {
            throw ProviderError.decoding(path: "", message: "none of the mapped items or cost was found in the answer")
        }
        let label = plan ?? manualPlan
        return UsageSnapshot(items: items, cost: cost, identity: label.map { Identity(plan: $0) }, updatedAt: now)
    }

    /// The text of an error reported inside a 2xx answer: a non-empty string, `true`, a
    /// non-zero number or a non-empty map or list at `path`. Nothing there means success.
    static func hiddenError(at path: ResponsePath, in root: JSONValue) -> String? {
        guard case .found(let value) = path.resolve(in: root) else { return nil }
        switch value {
        case .null: return nil
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case .bool(let flag): return flag ? "true" : nil
        case .number(let number): return number == 0 ? nil : JSNumber.format(number)
        case .array(let list): return list.isEmpty ? nil : value.serialized()
        case .object(let object): return object.isEmpty ? nil : value.serialized()
        }
    }

    /// The cost, nil when an optional cost's path finds nothing.
    static func cost(_ mapping: CustomCostMapping, values: CustomValueReader) throws -> Cost? {
        do {
            let used = try mapping.used.map { try values.number($0) * mapping.scale }
            let limit = try mapping.limit.map { try values.number($0) * mapping.scale }
            var remaining = try mapping.remaining.map { try values.number($0) * mapping.scale }
            if remaining == nil, let used, let limit { remaining = limit - used }
            return Cost(
                used: used.map(CustomAmount.rounded), limit: limit.map(CustomAmount.rounded), remaining: remaining.map(CustomAmount.rounded),
                currency: mapping.currency, period: mapping.period)
        } catch let missing as CustomValueReader.Missing {
            if mapping.optional { return nil }
            throw missing.providerError
        }
    }
}

/// Rounding of amounts read from upstreams: six decimals, which removes binary noise from
/// scaled values (`4500000 × 0.000002`) without hiding small sums.
enum CustomAmount {
    static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }
}
