import AIMeterStore
import Foundation

/// Fills a new database with `days` of polls every `intervalMinutes` for `providers` providers,
/// ending now, through the real migrations and ``AppDatabase/appendSnapshots(_:)``: one
/// transaction per day holding every provider's polls of that day in time order, as the
/// collector interleaves them.
struct HistorySeeder {
    let path: String
    let providers: Int
    let days: Int
    let intervalMinutes: Int

    func run() throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw SeedError("\(path) exists; remove it first") }
        let started = Date()
        let (polls, items) = try seed(endingAt: Int64(started.timeIntervalSince1970))
        // The database is closed now: its file holds everything (the WAL was checkpointed).
        let seconds = Date().timeIntervalSince(started)
        let bytes = try fileSize(path)
        let providerYears = Double(providers) * Double(days) / 365
        print("providers \(providers), days \(days), interval \(intervalMinutes) min")
        print("polls written      \(polls)")
        print("item rows written  \(items)")
        print(String(format: "seconds            %.1f (%.0f polls/s)", seconds, Double(polls) / seconds))
        print("database bytes     \(bytes) (WAL file \(try fileSize(path + "-wal")) more)")
        print(String(format: "bytes per provider-year %.0f (%.1f MB)", Double(bytes) / providerYears, Double(bytes) / providerYears / 1e6))
    }

    /// Writes every poll up to `now`; returns the numbers of polls and items written.
    private func seed(endingAt now: Int64) throws -> (polls: Int, items: Int) {
        let database = try AppDatabase.openWriter(path: path)
        let bench = (1...providers).map(BenchProvider.init)
        let interval = Int64(intervalMinutes) * 60
        let end = now / interval * interval
        let start = end - Int64(days) * 86_400
        try database.syncProviders(bench.map(\.config), now: Date(timeIntervalSince1970: TimeInterval(start)))
        var polls = 0
        var items = 0
        var dayStart = start
        while dayStart < end {
            var batch: [SnapshotAppend] = []
            for slot in stride(from: dayStart, to: min(dayStart + 86_400, end), by: Int(interval)) {
                for provider in bench {
                    // Polls land a few seconds after the slot, as a jittered scheduler's do.
                    let at = Date(timeIntervalSince1970: TimeInterval(slot + jitter(slot, provider.index)))
                    let snapshot = provider.snapshot(at: at)
                    items += snapshot.items.count
                    batch.append(SnapshotAppend(providerId: provider.id, snapshot: snapshot, at: at))
                }
            }
            try database.appendSnapshots(batch)
            polls += batch.count
            dayStart += 86_400
        }
        return (polls, items)
    }

    /// 0–29 s, fixed per slot and provider.
    private func jitter(_ slot: Int64, _ provider: Int) -> Int64 {
        var value = UInt64(bitPattern: slot) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(provider) &* 0xBF58_476D_1CE4_E5B9
        value ^= value >> 31
        return Int64(value % 30)
    }

    private func fileSize(_ path: String) throws -> Int64 {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
    }
}

/// A refusal with a message for the operator.
struct SeedError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
