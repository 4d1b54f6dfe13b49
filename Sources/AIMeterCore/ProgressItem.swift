/// One metered quantity of a provider at one moment: a time window, a credit pool, a model quota.
///
/// Field names and meanings follow AIMeter's `ProgressItem`. Percentages are stored as the
/// adapters compute them (2 decimals, see ``JSNumber/roundPercentage(_:)``); presentation layers
/// round further where AIMeter does.
public struct ProgressItem: Codable, Sendable, Equatable, Hashable {
    /// Stable item name within a provider, e.g. `Session`, `Weekly`, `Premium`.
    public var name: String
    /// Helper text as the adapter produced it; enriched at presentation time.
    public var desc: String?
    /// Percentage used, usually 0–100, may exceed 100 when over quota.
    public var usedPercent: Double
    /// Percentage remaining, when the upstream gives or implies it.
    public var remainingPercent: Double?
    /// Absolute amount used (unit depends on the provider: requests, USD, prompts, percent).
    public var used: Double?
    /// Absolute limit in the same unit as ``used``.
    public var limit: Double?
    /// Window length in minutes (300 = 5 hours, 10080 = 1 week).
    public var windowMinutes: Double?
    /// When the window resets, in unix seconds.
    public var resetsAt: Int64?
    /// Free-text reset note (Copilot's `Monthly reset`).
    public var resetDescription: String?

    /// Creates an item; every field but `name` and `usedPercent` is optional.
    public init(
        name: String,
        desc: String? = nil,
        usedPercent: Double,
        remainingPercent: Double? = nil,
        used: Double? = nil,
        limit: Double? = nil,
        windowMinutes: Double? = nil,
        resetsAt: Int64? = nil,
        resetDescription: String? = nil
    ) {
        self.name = name
        self.desc = desc
        self.usedPercent = usedPercent
        self.remainingPercent = remainingPercent
        self.used = used
        self.limit = limit
        self.windowMinutes = windowMinutes
        self.resetsAt = resetsAt
        self.resetDescription = resetDescription
    }
}
