import Foundation

/// The normalized result of one successful poll of one provider.
public struct UsageSnapshot: Codable, Sendable, Equatable {
    /// Ordered items; the first is the provider's "primary" item in summaries.
    public var items: [ProgressItem]
    /// Money figures, when the provider reports any.
    public var cost: Cost?
    /// Plan label.
    public var identity: Identity?
    /// When the data was fetched.
    public var updatedAt: Date

    /// Creates a snapshot.
    public init(items: [ProgressItem], cost: Cost? = nil, identity: Identity? = nil, updatedAt: Date) {
        self.items = items
        self.cost = cost
        self.identity = identity
        self.updatedAt = updatedAt
    }

    /// Whether the snapshot carries anything worth storing.
    ///
    /// AIMeter stores a snapshot only when it has progress items. aimeter also stores a snapshot
    /// that has only a cost, because balance providers (DeepSeek, Moonshot, AceData) report a
    /// balance and nothing else.
    public var isPersistable: Bool {
        !items.isEmpty || cost != nil
    }
}
