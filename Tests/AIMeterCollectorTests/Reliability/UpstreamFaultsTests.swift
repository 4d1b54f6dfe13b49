import AIMeterCore
import AIMeterStore
import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterCollector

#if canImport(Glibc)
import Glibc
#endif

/// One real `aimeter-collector` against upstreams that misbehave in every way we know of —
/// no answer, connection reset, a 5xx storm, 429 with `Retry-After`, malformed JSON, 50 MB bodies
/// (declared and chunked), a slow drip — next to healthy providers. Each fault must end as its
/// own recorded error, the healthy providers must be polled on time while the faults are in
/// progress, and the process must stay alive with bounded memory.
@Suite(.serialized) final class UpstreamFaultsTests {
    let directory: URL
    /// Per-request timeout of the collector; the hanging upstreams hold a worker this long.
    static let requestTimeout: TimeInterval = 8
    /// Slack for "on time" on a loaded 2-core machine; well below `requestTimeout`, so a healthy
    /// poll stuck behind a hanging one would be caught.
    static let scheduleMargin: TimeInterval = 3
    /// Peak resident memory allowed (debug build). Buffering a 50 MB body would exceed it.
    static let peakMemoryCap = 150 * 1024 * 1024
    /// How far the peak may rise above the memory at READY: the capped 10 MiB buffer and the
    /// worker threads fit, a 50 MB body does not.
    static let peakGrowthCap = 40 * 1024 * 1024

    init() throws {
        directory = try CollectorHarness.makeTemporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var databasePath: String { directory.appendingPathComponent("aimeter.db").path }
    var socketPath: String { directory.appendingPathComponent("c.sock").path }

    @Test func faultyUpstreamsAreRecordedWhileHealthyProvidersKeepTheirSchedule() async throws {
        let lineup = try await FaultLineup(healthy: 6, storm: 4, silentCount: 2, dripCount: 2)
        let config = directory.appendingPathComponent("config.yaml").path
        try """
        database: { path: \(databasePath) }
        collector: { socket: \(socketPath), concurrency: 8, requestTimeoutSeconds: \(Int(Self.requestTimeout)) }
        providers:
        \(lineup.providersYAML)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let launchedAt = Date()
        // No NOTIFY_SOCKET: a listener nobody drains fills up after ten datagrams and then
        // blocks sd_notify, and with it the scheduler loop. Readiness is the answering socket.
        let collector = try CollectorProcess(
            arguments: ["--config", config], environment: ["AIMETER_LOG_LEVEL": "critical"],
            logPath: directory.appendingPathComponent("collector.log").path)
        defer { if collector.process.isRunning { collector.signal(SIGKILL) } }
        let control = ThreadedControlClient(socketPath: socketPath, timeout: 10)
        let ready = await eventually(timeout: 30) {
            (try? await control.send(.ping, params: JSONObject()))?["pong"]?.boolValue == true
        }
        try #require(ready, "the control socket never answered: \(collector.log)")
        let readyAt = Date()
        let atReady = try #require(ProcessMemory.read(pid: collector.pid))

        // Every provider has an outcome: healthy ones a snapshot, faulty ones an error code.
        let reader = try AppDatabase.openReader(path: databasePath)
        let settled = await eventually(timeout: 60) {
            let states = (try? reader.fetchStates()) ?? [:]
            return lineup.entries.allSatisfy { entry in
                guard let state = states[entry.id] else { return false }
                return entry.expectedCode == nil ? state.lastSuccessAt != nil : state.lastErrorCode != nil
            }
        }
        let states = try reader.fetchStates()
        try #require(settled, "not every provider has an outcome: \(states); log: \(collector.log)")

        for entry in lineup.entries {
            let state = try #require(states[entry.id])
            #expect(state.lastErrorCode == entry.expectedCode, "\(entry.id): \(state.lastFailureReason ?? "no failure")")
            #expect(state.consecutiveFailures == (entry.expectedCode == nil ? 0 : 1), "\(entry.id) polled more than once")
        }
        try expectHealthyOnSchedule(lineup, states: states, launchedAt: launchedAt, readyAt: readyAt)
        try expectBackoff(lineup, states: states)
        #expect(Set(try reader.latestSnapshots().keys) == Set(lineup.entries.filter { $0.expectedCode == nil }.map(\.id)))

        // The chunked 50 MB body was cut near the 10 MiB cap, not read to the end.
        #expect(lineup.flood.connections == 1)
        #expect(lineup.flood.bodyBytesSent < 20 * 1024 * 1024, "the client read \(lineup.flood.bodyBytesSent) bytes")
        #expect(lineup.silent.connections == 2)
        #expect(lineup.reset.connections == 1)

        let atEnd = try #require(ProcessMemory.read(pid: collector.pid))
        #expect(atEnd.peakResidentBytes < Self.peakMemoryCap, "peak RSS \(ProcessMemory.mebibytes(atEnd.peakResidentBytes))")
        #expect(
            atEnd.peakResidentBytes - atReady.residentBytes < Self.peakGrowthCap,
            "RSS at READY \(ProcessMemory.mebibytes(atReady.residentBytes)), peak \(ProcessMemory.mebibytes(atEnd.peakResidentBytes))")

        // Still alive and answering, then a clean stop.
        #expect(collector.process.isRunning)
        let pong = try await control.send(.ping, params: JSONObject())
        #expect(pong["pong"]?.boolValue == true)
        collector.signal(SIGTERM)
        #expect(await collector.waitForExit(timeout: 20))
        #expect(collector.process.terminationStatus == 0)
        await lineup.stop()
    }

    /// Each healthy provider's request reached the upstream within ``scheduleMargin`` of its due
    /// time (start plus its jitter), while a hanging upstream (silent or drip) was holding a
    /// worker: the faults did not delay the others.
    func expectHealthyOnSchedule(_ lineup: FaultLineup, states: [String: FetchState], launchedAt: Date, readyAt: Date) throws {
        // Each hanging request holds its slot from its arrival until the request timeout.
        let hangingStarts = lineup.silent.acceptedAt + lineup.arrivals(of: "drip-1") + lineup.arrivals(of: "drip-2")
        try #require(hangingStarts.count == 4)
        for entry in lineup.entries where entry.expectedCode == nil {
            let arrivals = lineup.arrivals(of: entry.id)
            #expect(arrivals.count == 1, "\(entry.id) was asked \(arrivals.count) times")
            let arrival = try #require(arrivals.first)
            let offset = ScheduleJitter.offset(providerId: entry.id, intervalMinutes: 1)
            // The runtime computed its due times somewhere between the launch and READY.
            #expect(arrival >= launchedAt.addingTimeInterval(offset), "\(entry.id) polled before its jitter")
            #expect(
                arrival <= readyAt.addingTimeInterval(offset + Self.scheduleMargin),
                "\(entry.id) polled \(arrival.timeIntervalSince(readyAt) - offset) s late")
            #expect(
                hangingStarts.contains { arrival > $0 && arrival < $0.addingTimeInterval(Self.requestTimeout) },
                "\(entry.id) did not overlap a hanging request")
            let next = try secondsToNextPoll(states[entry.id])
            #expect(abs(next - 60) <= 1, "\(entry.id) next poll in \(next) s")
        }
    }

    /// Failures back off by one interval (first failure), except the 429 whose `Retry-After`
    /// is longer and wins; no faulty upstream was asked twice.
    func expectBackoff(_ lineup: FaultLineup, states: [String: FetchState]) throws {
        for entry in lineup.entries where entry.expectedCode != nil {
            let next = try secondsToNextPoll(states[entry.id])
            let expected = entry.id == "limited" ? TimeInterval(FaultLineup.retryAfterSeconds) : 60
            #expect(abs(next - expected) <= 1, "\(entry.id): next poll in \(next) s, expected \(expected)")
        }
        for prefix in ["limited", "malformed", "huge-declared", "storm-1", "drip-1"] {
            #expect(lineup.arrivals(of: prefix).count == 1, "\(prefix) was asked \(lineup.arrivals(of: prefix).count) times")
        }
    }

    /// Seconds from a provider's last attempt to its next scheduled poll.
    func secondsToNextPoll(_ state: FetchState?) throws -> TimeInterval {
        let attempt = try #require(state?.lastAttemptAt)
        let next = try #require(state?.nextDueAt)
        return next.timeIntervalSince(attempt)
    }
}
