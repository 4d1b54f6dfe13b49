import AIMeterConfig
import AIMeterAPI
import AIMeterCore
import AIMeterExport
import AIMeterStore
import Foundation
import Testing

/// The cached export inputs must never be staler than the database: every commit, by any
/// connection, is seen by the next read, within the same second too.
@Suite struct VersionedCacheTests {
    static let now: Int64 = 1_741_824_000

    static func usedPercent(_ inputs: ExportEntries.Inputs, _ id: String) -> Double? {
        for entry in inputs.entries {
            if case .usage(let provider, let usage) = entry, provider.id == id { return usage.items.first?.usedPercent }
        }
        return nil
    }

    /// A cache and the probe a request reads the version from, as the handlers use them.
    struct Reader {
        let cache = VersionedCache<ExportEntries.Inputs>()
        let probe: DataVersionProbe
        let env: TestEnvironment

        init(_ env: TestEnvironment) throws {
            self.env = env
            probe = try #require(try env.reader.dataVersionProbe())
        }

        /// One request's read: the version first, then the cached or computed inputs.
        func read(now: Int64) throws -> ExportEntries.Inputs {
            try cache.value(version: probe.current(), now: now) { try ExportEntries.inputs(database: env.reader, now: now) }
        }
    }

    @Test func aCommitIsSeenByTheNextReadInTheSameSecond() throws {
        let env = try ProxyTests.seeded()
        let reader = try Reader(env)
        let before = try reader.read(now: Self.now)
        #expect(Self.usedPercent(before, "prov_claude") == 45.5)
        #expect(Self.usedPercent(before, "prov_kimi") == nil)

        try env.store([ProgressItem(name: "Session", usedPercent: 77)], for: "prov_claude", age: 1)
        let after = try reader.read(now: Self.now)
        #expect(Self.usedPercent(after, "prov_claude") == 77)

        try env.writer.saveFetchState(FetchState(consecutiveFailures: 4), providerId: "prov_kimi")
        let withState = try reader.read(now: Self.now)
        #expect(withState.states["prov_kimi"]?.consecutiveFailures == 4)
    }

    @Test func unchangedDataIsServedAgainAndANewSecondRestampsTheNoDataRecords() throws {
        let env = try ProxyTests.seeded()
        let reader = try Reader(env)
        let first = try reader.read(now: Self.now)
        #expect(try reader.read(now: Self.now).entries == first.entries)
        let later = try reader.read(now: Self.now + 1)
        let stamps = later.entries.compactMap { entry -> Int64? in
            if case .error(_, _, _, let timestamp) = entry { return timestamp }
            return nil
        }
        #expect(!stamps.isEmpty && stamps.allSatisfy { $0 == Self.now + 1 })
    }

    @Test func theProviderFilterAppliesToCachedInputs() throws {
        let env = try ProxyTests.seeded()
        let reader = try Reader(env)
        _ = try reader.read(now: Self.now)
        let claudeOnly = try reader.read(now: Self.now).filtered(ExportQuery(requestedProviders: [.claude]))
        #expect(try reader.read(now: Self.now).filtered(ExportQuery()).entries.count == 4)
        #expect(claudeOnly.entries.map(\.provider.id) == ["prov_claude"])
    }

    @Test func theProbeChangesWhenAnotherConnectionCommits() throws {
        let env = try ProxyTests.seeded()
        let probe = try #require(try env.reader.dataVersionProbe())
        let first = try probe.current()
        #expect(try probe.current() == first)
        try env.store([ProgressItem(name: "Session", usedPercent: 5)], for: "prov_or", age: 1)
        #expect(try probe.current() != first)
    }

    @Test func cachedSettingsSeeARotationAtOnce() throws {
        let env = try ProxyTests.seeded()
        let probe = try #require(try env.reader.dataVersionProbe())
        let settingsCache = VersionedCache<[SettingKey: String]>()
        // What each request builds: the sources as of the version it read.
        func sources() throws -> CredentialSources {
            CredentialSources(auth: AuthConfig(), database: env.reader, settingsCache: settingsCache, dataVersion: try probe.current())
        }
        try env.writer.setSetting(.endpointSecret, to: "first-secret-first-secret-first-s", at: TestEnvironment.now)
        #expect(try sources().endpointSecret() == "first-secret-first-secret-first-s")
        #expect(try sources().passwordHash(.admin) != "stored-hash")
        try env.writer.setSetting(.endpointSecret, to: "second-secret-second-secret-secon", at: TestEnvironment.now)
        try env.writer.setSetting(.adminPasswordHash, to: "stored-hash", at: TestEnvironment.now)
        #expect(try sources().endpointSecret() == "second-secret-second-secret-secon")
        #expect(try sources().passwordHash(.admin) == "stored-hash")
    }
}
