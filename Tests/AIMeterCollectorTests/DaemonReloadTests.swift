import AIMeterConfig
import AIMeterCore
import AIMeterStore
import Foundation
import Logging
import Testing

@testable import AIMeterCollector

#if canImport(Glibc)
import Glibc
#endif

/// Startup, SIGHUP reload with good and bad configurations, and the signal-driven run loop,
/// through the daemon's own entry points.
@Suite final class DaemonReloadTests {
    let directory: URL
    let configPath: String

    init() throws {
        directory = try CollectorHarness.makeTemporaryDirectory()
        configPath = directory.appendingPathComponent("config.yaml").path
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func writeConfig(providers: String) throws {
        let yaml = """
            database:
              path: \(directory.path)/data/aimeter.db
            collector:
              socket: \(directory.path)/run/c.sock
            providers:
            \(providers)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func setup(_ notifier: RecordingNotifier) -> CollectorDaemon.Setup {
        CollectorDaemon.Setup(
            configPath: configPath, environment: [:], openStore: { try DatabaseCollectorStore.open($0.database) },
            notifier: notifier, watchdogInterval: nil, logger: CollectorHarness.logger)
    }

    static let twoProviders = """
          - { id: alpha, provider: demo, name: Alpha, refreshInterval: 5 }
          - { id: beta, provider: demo, name: Beta, refreshInterval: 0 }
        """

    @Test func goodReloadAppliesAddedRemovedAndChangedProviders() async throws {
        try writeConfig(providers: Self.twoProviders)
        let notifier = RecordingNotifier()
        let daemon = try await CollectorDaemon.start(setup(notifier))
        defer { daemon.server.stop() }
        try writeConfig(providers: """
              - { id: alpha, provider: demo, name: Alpha, refreshInterval: 60 }
              - { id: gamma, provider: demo, name: Gamma, refreshInterval: 1, options: { profile: credits } }
            """)
        #expect(await daemon.reload())
        #expect(daemon.runtime.config.providers.map(\.id) == ["alpha", "gamma"])
        #expect(await daemon.runtime.scheduler.providers.map(\.refreshIntervalMinutes) == [60, 1])
        let reader = try AppDatabase.openReader(path: "\(directory.path)/data/aimeter.db")
        #expect(try reader.providers().map(\.id) == ["alpha", "gamma"])
        let messages = notifier.messages
        let reloading = try #require(messages.first { $0.hasPrefix("RELOADING=1") })
        #expect(reloading.contains("\nMONOTONIC_USEC="))
        #expect(notifier.lifecycle == ["RELOADING=1", "READY=1"])
    }

    @Test func badReloadKeepsTheRunningConfiguration() async throws {
        try writeConfig(providers: Self.twoProviders)
        let notifier = RecordingNotifier()
        let daemon = try await CollectorDaemon.start(setup(notifier))
        defer { daemon.server.stop() }
        try writeConfig(providers: """
              - { id: alpha, provider: demo, refreshInterval: 5, options: { profile: lavish } }
              - { id: beta, provider: demo, refreshIntervall: 5 }
            """)
        #expect(await daemon.reload() == false)
        #expect(daemon.runtime.config.providers.map(\.id) == ["alpha", "beta"])
        #expect(await daemon.runtime.scheduler.providers.count == 2)
        #expect(notifier.lifecycle == ["RELOADING=1", "READY=1"])
        // Adapter problems alone (the YAML is fine) are refused too.
        try writeConfig(providers: "  - { id: alpha, provider: demo, options: { profile: lavish } }")
        #expect(await daemon.reload() == false)
        #expect(daemon.runtime.config.providers.count == 2)
    }

    @Test func startupRefusesAdapterProblemsWithKeyPaths() async throws {
        try writeConfig(providers: """
              - { id: alpha, provider: demo }
              - { id: beta, provider: demo, options: { profile: lavish, colour: red } }
            """)
        do {
            _ = try await CollectorDaemon.start(setup(RecordingNotifier()))
            Issue.record("expected a configuration error")
        } catch .configuration(let error) {
            #expect(error.problems.map(\.keyPath) == ["providers[1].options.profile", "providers[1].options.colour"])
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(directory.path)/data/aimeter.db"))
    }

    @Test func runHandlesReloadThenStopsOnSIGTERM() async throws {
        try writeConfig(providers: Self.twoProviders)
        let notifier = RecordingNotifier()
        let daemon = try await CollectorDaemon.start(setup(notifier))
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        let run = Task { await daemon.run(signals: signals) }
        #expect(await eventually { notifier.lifecycle.first == "READY=1" })
        #expect(FileManager.default.fileExists(atPath: "\(directory.path)/run/c.sock"))
        continuation.yield(SIGHUP)
        #expect(await eventually { notifier.lifecycle.count == 3 })
        continuation.yield(SIGTERM)
        await run.value
        #expect(notifier.lifecycle == ["READY=1", "RELOADING=1", "READY=1", "STOPPING=1"])
        #expect(!FileManager.default.fileExists(atPath: "\(directory.path)/run/c.sock"))
        #expect(notifier.messages.first?.contains("STATUS=2 providers") == true)
    }
}
