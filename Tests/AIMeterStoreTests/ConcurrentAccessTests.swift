import AIMeterTestSupport
import Foundation
import Synchronization
import Testing

@testable import AIMeterStore

@Suite struct ConcurrentAccessTests {
    @Test func readerPoolReadsWhileTheWriterAppends() async throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.append("a", at: 0, [("S", 0)])
        let reader = try AppDatabase.openReader(path: fixture.path)
        let writer = fixture.database
        let done = Atomic<Bool>(false)
        async let observed: [Int] = Task.detached {
            var counts: [Int] = []
            while !done.load(ordering: .acquiring) {
                counts.append(try reader.snapshots(providerId: "a", since: .unix(0)).count)
            }
            counts.append(try reader.snapshots(providerId: "a", since: .unix(0)).count)
            return counts
        }.value
        for t in 1...200 {
            try writer.appendSnapshot(StoreFixture.snapshot([("S", Double(t))]), providerId: "a", at: .unix(Int64(t) * 60))
        }
        done.store(true, ordering: .releasing)
        let counts = try await observed
        #expect(counts.last == 201)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(try reader.latestSnapshot(providerId: "a")?.items.first?.usedPercent == 200)
    }

    /// A separate process opens the file read-only through Python's `sqlite3` module (a different
    /// SQLite build) and polls while this process appends.
    @Test func readOnlyConnectionInAnotherProcessReadsWhileTheWriterAppends() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.append("a", at: 0, [("S", 0)])
        let seenPath = fixture.directory.path("seen")
        let stopPath = fixture.directory.path("stop")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        child.arguments = ["python3", "-c", Self.pollingScript, fixture.path, seenPath, stopPath]
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        defer { if child.isRunning { child.terminate() } }

        // Append in ten batches; after each, wait until the child has seen the new count.
        var total = 1
        var deadlineMissed = false
        for batch in 1...10 {
            for step in 0..<10 {
                try fixture.append("a", at: Int64(batch * 1_000 + step * 60), [("S", Double(step))])
                total += 1
            }
            let deadline = Date().addingTimeInterval(20)
            while Self.lastSeen(seenPath) < total && child.isRunning && Date() < deadline { usleep(2_000) }
            if Self.lastSeen(seenPath) < total { deadlineMissed = true }
        }
        #expect(FileManager.default.createFile(atPath: stopPath, contents: Data()))
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(!deadlineMissed, "child output: \(report)")
        #expect(child.terminationStatus == 0, "child output: \(report)")
        let counts = report.split(separator: "\n").compactMap { Int($0) }
        #expect(counts.last == 101, "child output: \(report)")
        #expect(Set(counts).count >= 10)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 })
    }

    private static func lastSeen(_ path: String) -> Int {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0) } ?? 0
    }

    /// Opens the database read-only, polls the poll count until the stop file appears, writes
    /// the latest count for the parent, prints every distinct count, and exits non-zero (with the
    /// error) if any read fails.
    private static let pollingScript = """
        import os, sqlite3, sys, time
        path, seen, stop = sys.argv[1:4]
        db = sqlite3.connect("file:" + path + "?mode=ro", uri=True, timeout=10)
        last = None
        def read():
            global last
            count = db.execute("SELECT count(*) FROM poll").fetchone()[0]
            db.execute("SELECT count(*) FROM item").fetchone()
            if count != last:
                print(count, flush=True)
                last = count
                with open(seen + ".tmp", "w") as f: f.write(str(count))
                os.replace(seen + ".tmp", seen)
        deadline = time.time() + 120
        while not os.path.exists(stop) and time.time() < deadline:
            read()
            time.sleep(0.001)
        read()
        """
}
