/// Receives a history answer in order, one provider's series after another, without its points
/// being collected first: a year of hourly history for 50 providers is 438 000 points, and
/// writing them straight to their destination (the API's JSON) avoids allocating each one.
///
/// ``AppDatabase/history(_:now:into:)`` calls ``beginSeries(providerId:names:)``, then
/// ``visitPoint(t:values:cost:)`` for each point in ascending time, then ``endSeries()``, for
/// each provider in answer order.
public protocol HistoryVisitor {
    /// Starts a provider's series with its complete `k` list.
    mutating func beginSeries(providerId: String, names: [String]) throws
    /// One point of the current series. `values` is only valid during the call.
    mutating func visitPoint(t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?) throws
    /// Ends the current series.
    mutating func endSeries() throws
}

/// Collects every series as values: the visitor behind ``AppDatabase/history(_:now:)``.
struct HistorySeriesCollector: HistoryVisitor {
    private(set) var series: [(providerId: String, series: HistorySeries)] = []

    mutating func beginSeries(providerId: String, names: [String]) {
        series.append((providerId, HistorySeries(names: names)))
    }

    mutating func visitPoint(t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?) {
        series[series.count - 1].series.points.append(HistoryPoint(t: t, p: Array(values), c: cost))
    }

    mutating func endSeries() {}
}
