/// The history of one provider in AIMeter's compact shape: `{"k": names, "d": points}`.
public struct HistorySeries: Sendable, Equatable {
    /// Item names in first-seen order across every row in range, before downsampling (`k`).
    public var names: [String]
    /// One point per bucket, ascending (`d`).
    public var points: [HistoryPoint]

    /// Creates a series.
    public init(names: [String] = [], points: [HistoryPoint] = []) {
        self.names = names
        self.points = points
    }
}

/// One downsampled record (an element of `d`).
public struct HistoryPoint: Sendable, Equatable {
    /// The record's own time in unix seconds (not the bucket start).
    public var t: Int64
    /// `p`: `[index into names, usedPercent]` pairs; the API omits `p` when empty.
    public var p: [HistoryValue]
    /// `c`: `[cost.used, cost.limit]`, present only when both are numbers.
    public var c: HistoryCost?

    /// Creates a point.
    public init(t: Int64, p: [HistoryValue] = [], c: HistoryCost? = nil) {
        self.t = t
        self.p = p
        self.c = c
    }
}

/// One `[index, usedPercent]` pair of a history point.
public struct HistoryValue: Sendable, Equatable {
    /// Index into ``HistorySeries/names``.
    public var index: Int
    /// The stored percentage, unrounded.
    public var usedPercent: Double

    /// Creates a pair.
    public init(index: Int, usedPercent: Double) {
        self.index = index
        self.usedPercent = usedPercent
    }
}

/// The `[used, limit]` cost pair of a history point.
public struct HistoryCost: Sendable, Equatable {
    /// `cost.used`.
    public var used: Double
    /// `cost.limit`.
    public var limit: Double

    /// Creates a pair.
    public init(used: Double, limit: Double) {
        self.used = used
        self.limit = limit
    }
}
