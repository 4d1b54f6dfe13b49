import GRDB

/// The newest candidate of the bucket being read: history candidates arrive in
/// (createdAt, id) order, so each one replaces the previous candidate of its bucket, and a
/// candidate is final once one of a later bucket arrives. Its values live in memory the caller
/// lends for the whole series, so a long series allocates and retains nothing per point.
/// It maps each poll's item positions to the series' names, looking a layout up only when it
/// changes from one poll to the next.
struct HistoryBucketTail {
    private let bucketMinutes: Int
    private let values: UnsafeMutableBufferPointer<HistoryValue>
    /// The series' names, complete: its `k` list was written already.
    private var names: HistoryNames
    private let announcedNames: Int
    private var layoutId: Int64?
    private var indexes: [Int] = []
    private var key: Int64?
    private var t: Int64 = 0
    private var valueCount = 0
    private var cost: HistoryCost?

    /// A tail for buckets of `bucketMinutes` minutes over the complete `names` of the series,
    /// keeping values in `values`, which must hold the items of the widest layout in `names`.
    init(bucketMinutes: Int, names: HistoryNames, values: UnsafeMutableBufferPointer<HistoryValue>) {
        self.bucketMinutes = bucketMinutes
        self.names = names
        self.announcedNames = names.ordered.count
        self.values = values
    }

    /// Makes the poll at `t` the candidate of its bucket, first handing the previous candidate to
    /// `visitor` when it belonged to an earlier bucket. `layout` is the poll's item layout and
    /// `percents` its `usedPercents` blob.
    mutating func offer<Visitor: HistoryVisitor>(
        t: Int64, layout: Int64, percents: UnsafeRawBufferPointer, cost: HistoryCost?, _ db: Database,
        to visitor: inout Visitor
    ) throws {
        if layout != layoutId {
            indexes = try names.indexes(ofLayout: layout, db)
            layoutId = layout
            guard names.ordered.count == announcedNames else {
                throw StoreError.corruptRow("poll at \(t) has a layout missing from the layout index")
            }
        }
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
