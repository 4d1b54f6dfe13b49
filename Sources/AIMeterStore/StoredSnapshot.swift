import AIMeterCore
import Foundation

/// One stored poll of one provider, as read back.
public struct StoredSnapshot: Sendable, Equatable {
    /// Public provider id.
    public var providerId: String
    /// Row id of the poll (AIMeter's usage-record `id`); increases with every append.
    public var pollId: Int64
    /// Items in the order the adapter returned them.
    public var items: [ProgressItem]
    /// Money figures; nil when the poll stored none.
    public var cost: Cost?
    /// Plan label; nil when the poll stored none.
    public var identity: Identity?
    /// When the poll was stored, in whole seconds (AIMeter's `created_at`).
    public var createdAt: Date

    /// Creates a stored snapshot.
    public init(
        providerId: String, pollId: Int64, items: [ProgressItem], cost: Cost?, identity: Identity?, createdAt: Date
    ) {
        self.providerId = providerId
        self.pollId = pollId
        self.items = items
        self.cost = cost
        self.identity = identity
        self.createdAt = createdAt
    }
}
