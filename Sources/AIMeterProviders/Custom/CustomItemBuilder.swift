import AIMeterCore

/// Builds one progress item from its mapping and the answer.
///
/// The used percentage comes from, in order: `usedPercent × scale`; `100 − remainingPercent × scale`;
/// `used / limit × 100`, where a missing `used` is `limit − remaining` and a missing `limit` is
/// `used + remaining`. The remaining percentage is `remainingPercent × scale` when mapped,
/// else `max(0, 100 − used %)`. Percentages keep 2 decimals and are not clamped above 100.
struct CustomItemBuilder {
    let mapping: CustomItemMapping
    let values: CustomValueReader

    /// The item; throws ``CustomValueReader/Missing`` when a mapped path finds nothing.
    func item() throws -> ProgressItem {
        let scale = mapping.scale
        let mappedUsedPercent = try mapping.usedPercent.map { try values.number($0) * scale }
        let mappedRemainingPercent = try mapping.remainingPercent.map { try values.number($0) * scale }
        var used = try mapping.used.map { try values.number($0) }
        var limit = try mapping.limit.map { try values.number($0) }
        let remaining = try mapping.remaining.map { try values.number($0) }
        if used == nil, let limit, let remaining { used = limit - remaining }
        if limit == nil, let used, let remaining { limit = used + remaining }

        let usedPercent: Double
        if let mappedUsedPercent {
            usedPercent = mappedUsedPercent
        } else if let mappedRemainingPercent {
            usedPercent = 100 - mappedRemainingPercent
        } else if let used, let limit {
            guard limit > 0 else {
                let path = mapping.limit ?? mapping.remaining ?? mapping.used
                throw ProviderError.decoding(
                    path: path?.description ?? "", message: "the limit is \(JSNumber.format(limit)); a percentage needs a limit above 0")
            }
            usedPercent = used / limit * 100
        } else {
            // Validation guarantees a source; this only guards against a mapping built by hand.
            throw ProviderError.configuration("item \(mapping.name) has no usedPercent source")
        }
        let roundedUsed = JSNumber.roundPercentage(usedPercent)
        let remainingPercent = mappedRemainingPercent.map(JSNumber.roundPercentage)
            ?? JSNumber.roundPercentage(Swift.max(0, 100 - roundedUsed))

        var windowMinutes: Double?
        switch mapping.windowMinutes {
        case .fixed(let minutes)?: windowMinutes = minutes
        case .path(let path)?: windowMinutes = try values.minutes(path)
        case nil: windowMinutes = nil
        }
        return ProgressItem(
            name: mapping.name,
            desc: mapping.desc,
            usedPercent: roundedUsed,
            remainingPercent: remainingPercent,
            used: used.map(CustomAmount.rounded),
            limit: limit.map(CustomAmount.rounded),
            windowMinutes: windowMinutes,
            resetsAt: try mapping.resetsAt.flatMap { try values.resetTime($0) }
        )
    }
}
