/// A money amount attached to a snapshot: extra-usage spend, an on-demand budget, a balance.
///
/// A pure balance (DeepSeek, Moonshot, AceData) has only ``remaining`` and ``currency``; aimeter
/// never invents a limit or a percentage for it.
public struct Cost: Codable, Sendable, Equatable, Hashable {
    /// Amount spent in the period, when known.
    public var used: Double?
    /// Budget for the period, when known.
    public var limit: Double?
    /// Amount left (a balance, or `limit - used`).
    public var remaining: Double?
    /// ISO currency code, e.g. `USD`, `CNY`.
    public var currency: String?
    /// Period label as the provider names it, e.g. `Monthly`.
    public var period: String?

    /// Creates a cost record.
    public init(used: Double? = nil, limit: Double? = nil, remaining: Double? = nil, currency: String? = nil, period: String? = nil) {
        self.used = used
        self.limit = limit
        self.remaining = remaining
        self.currency = currency
        self.period = period
    }
}
