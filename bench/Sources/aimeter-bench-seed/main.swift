// aimeter-bench-seed: builds the history benchmark's database through the real store, or times
// the store's history and latest reads on it (see bench/history.sh).
//
//   aimeter-bench-seed DB [PROVIDERS=50] [DAYS=365] [INTERVAL_MINUTES=5]
//   aimeter-bench-seed --time DB [REPETITIONS=20]
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("aimeter-bench-seed: \(message)\n".utf8))
    exit(64)
}

func number(_ index: Int, default value: Int) -> Int {
    guard index < arguments.count else { return value }
    guard let parsed = Int(arguments[index]), parsed > 0 else { fail("\(arguments[index]) is not a positive integer") }
    return parsed
}

do {
    if arguments.first == "--time" {
        guard arguments.count >= 2 else { fail("usage: aimeter-bench-seed --time DB [REPETITIONS]") }
        try StoreTimings(path: arguments[1], repetitions: number(2, default: 20)).run()
    } else {
        guard let path = arguments.first, !path.hasPrefix("-") else {
            fail("usage: aimeter-bench-seed DB [PROVIDERS] [DAYS] [INTERVAL_MINUTES]")
        }
        let seeder = HistorySeeder(
            path: path, providers: number(1, default: 50), days: number(2, default: 365),
            intervalMinutes: number(3, default: 5))
        try seeder.run()
    }
} catch {
    fail("\(error)")
}
