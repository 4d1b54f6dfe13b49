/// The newest candidate of the bucket being read: history candidates arrive in
/// (createdAt, id) order, so each one replaces the previous candidate of its bucket, and a
/// candidate is final once one of a later bucket arrives. Its values live in memory the caller
/// lends for the whole series, so a long series allocates and retains nothing per point.
struct HistoryBucketTail {
    private let bucketMinutes: Int
    private let values: UnsafeMutableBufferPointer<HistoryValue>
    private var indexes: [Int] = []
    private var key: Int64?
    private var t: Int64 = 0
    private var valueCount = 0
    private var cost: HistoryCost?

    /// A tail for buckets of `bucketMinutes` minutes, keeping values in `values`, which must hold
    /// the items of the widest layout offered.
    init(bucketMinutes: Int, values: UnsafeMutableBufferPointer<HistoryValue>) {
        self.bucketMinutes = bucketMinutes
        self.values = values
    }

    /// Sets the layout of the following polls: for each item position, its index in the names.
    mutating func use(indexes: [Int]) {
        self.indexes = indexes
    }

    /// Makes the poll at `t` (of the current layout) the candidate of its bucket, first handing
    /// the previous candidate to `visitor` when it belonged to an earlier bucket. `percents` is
    /// the poll's `usedPercents` blob.
    mutating func offer<Visitor: HistoryVisitor>(
        t: Int64, percents: UnsafeRawBufferPointer, cost: HistoryCost?, to visitor: inout Visitor
    ) throws {
        guard percents.count == indexes.count * 8, indexes.count <= values.count else {
            throw StoreError.corruptRow("poll at \(t) has percentages that do not match its items")
        }
        let newKey = PollBuckets.key(t, minutes: bucketMinutes)
        if key != newKey { try flush(to: &visitor) }
        key = newKey
        self.t = t
        self.cost = cost
        var count = 0
        _ = UsedPercentsBlob.forEach(in: percents) { position, value in
            guard value.isFinite else { return }
            values[count] = HistoryValue(index: indexes[position], usedPercent: value)
            count += 1
        }
        valueCount = count
    }

    /// Hands the pending candidate, if any, to `visitor`.
    mutating func flush<Visitor: HistoryVisitor>(to visitor: inout Visitor) throws {
        guard key != nil else { return }
        key = nil
        try visitor.visitPoint(t: t, values: UnsafeBufferPointer(rebasing: values[..<valueCount]), cost: cost)
    }
}
