import AIMeterStore
import Foundation

/// Times the store's reads behind the history benchmark's routes, in-process (no HTTP, no JSON):
/// `latestSnapshots()` and `history` for 30 and 365 days, all providers and one, each both
/// collected into values and streamed to a visitor that only counts.
struct StoreTimings {
    let path: String
    let repetitions: Int

    func run() throws {
        let database = try AppDatabase.openReader(path: path)
        let now = Date()
        print("store-level reads, \(repetitions) repetitions each (ms)")
        print("read                                  min   median      p95   points")
        time("latestSnapshots()", points: 0) { _ = try database.latestSnapshots() }
        for days in [30, 365] {
            let all = HistoryQuery(days: days, requestedBucketMinutes: nil)
            let one = HistoryQuery(days: days, requestedBucketMinutes: nil, providerId: "bench-1")
            var counter = PointCounter()
            try database.history(all, now: now, into: &counter)
            time("history days=\(days) streamed", points: counter.points) {
                var visitor = PointCounter()
                try database.history(all, now: now, into: &visitor)
            }
            time("history days=\(days) collected", points: counter.points) { _ = try database.history(all, now: now) }
            counter = PointCounter()
            try database.history(one, now: now, into: &counter)
            time("history days=\(days) bench-1 streamed", points: counter.points) {
                var visitor = PointCounter()
                try database.history(one, now: now, into: &visitor)
            }
        }
    }

    private func time(_ label: String, points: Int, _ body: () throws -> Void) {
        var samples: [Double] = []
        do {
            try body()  // warm the page cache and statement caches
            for _ in 0..<repetitions {
                let start = ContinuousClock.now
                try body()
                let elapsed = ContinuousClock.now - start
                samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
            }
        } catch {
            print("\(label): \(error)")
            return
        }
        samples.sort()
        let p95 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.95).rounded(.up)) - 1)]
        print(
            label.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: "%8.2f %8.2f %8.2f %8d", samples[0], samples[samples.count / 2], p95, points))
    }
}

/// A visitor that only counts points: the cost of reading a history without building it.
struct PointCounter: HistoryVisitor {
    var points = 0

    mutating func beginSeries(providerId: String, names: [String]) {}

    mutating func visitPoint(t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?) {
        points += 1
    }

    mutating func endSeries() {}
}
