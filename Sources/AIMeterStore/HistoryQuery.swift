/// Parameters of AIMeter's `GET /api/history` (reference/api.md §1.4).
public struct HistoryQuery: Sendable, Equatable {
    /// Rolling window: rows with `createdAt >= now - days * 86400`. Negative gives nothing.
    public var days: Int
    /// Bucket size in minutes (already resolved, see ``resolveBucketMinutes(days:requested:)``).
    public var bucketMinutes: Int
    /// Restricts the answer to exactly this provider id (an empty series when unknown).
    public var providerId: String?

    /// Creates a query from a resolved bucket size.
    public init(days: Int, bucketMinutes: Int, providerId: String? = nil) {
        self.days = days
        self.bucketMinutes = bucketMinutes
        self.providerId = providerId
    }

    /// Creates a query resolving the bucket size from the requested interval with AIMeter's rules.
    public init(days: Int, requestedBucketMinutes: Double?, providerId: String? = nil) {
        self.init(
            days: days, bucketMinutes: Self.resolveBucketMinutes(days: days, requested: requestedBucketMinutes),
            providerId: providerId)
    }

    /// AIMeter's bucket size: a requested value that is finite and at least 1 is floored and
    /// raised to the minimum (20 when `days >= 90`, else 1); otherwise the automatic table
    /// (≤7 days → 5, ≤14 → 10, ≤30 → 15, ≤60 → 20, ≤90 → 30, else 60 minutes).
    public static func resolveBucketMinutes(days: Int, requested: Double?) -> Int {
        if let requested, requested.isFinite, requested >= 1 {
            // Any bucket of a billion minutes or more already holds every row in one bucket.
            let floored = Int(min(requested.rounded(.down), 1_000_000_000))
            return max(floored, days >= 90 ? 20 : 1)
        }
        switch days {
        case ...7: return 5
        case ...14: return 10
        case ...30: return 15
        case ...60: return 20
        case ...90: return 30
        default: return 60
        }
    }
}
