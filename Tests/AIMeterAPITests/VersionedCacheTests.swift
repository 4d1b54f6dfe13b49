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

    static func read(_ cache: VersionedCache<ExportEntries.Inputs>, _ env: TestEnvironment, now: Int64) throws -> ExportEntries.Inputs {
        try cache.value(now: now) { try ExportEntries.inputs(database: env.reader, now: now) }
    }

    @Test func aCommitIsSeenByTheNextReadInTheSameSecond() throws {
        let env = try ProxyTests.seeded()
        let cache = VersionedCache<ExportEntries.Inputs>(probe: try env.reader.dataVersionProbe())
        let before = try Self.read(cache, env, now: Self.now)
        #expect(Self.usedPercent(before, "prov_claude") == 45.5)
        #expect(Self.usedPercent(before, "prov_kimi") == nil)

        try env.store([ProgressItem(name: "Session", usedPercent: 77)], for: "prov_claude", age: 1)
        let after = try Self.read(cache, env, now: Self.now)
        #expect(Self.usedPercent(after, "prov_claude") == 77)

        try env.writer.saveFetchState(FetchState(consecutiveFailures: 4), providerId: "prov_kimi")
        let withState = try Self.read(cache, env, now: Self.now)
        #expect(withState.states["prov_kimi"]?.consecutiveFailures == 4)
    }

    @Test func unchangedDataIsServedAgainAndANewSecondRestampsTheNoDataRecords() throws {
        let env = try ProxyTests.seeded()
        let cache = VersionedCache<ExportEntries.Inputs>(probe: try env.reader.dataVersionProbe())
        let first = try Self.read(cache, env, now: Self.now)
        #expect(try Self.read(cache, env, now: Self.now).entries == first.entries)
        let later = try Self.read(cache, env, now: Self.now + 1)
        let stamps = later.entries.compactMap { entry -> Int64? in
            if case .error(_, _, _, let timestamp) = entry { return timestamp }
            return nil
        }
        #expect(!stamps.isEmpty && stamps.allSatisfy { $0 == Self.now + 1 })
    }

    @Test func theProviderFilterAppliesToCachedInputs() throws {
        let env = try ProxyTests.seeded()
        let cache = VersionedCache<ExportEntries.Inputs>(probe: try env.reader.dataVersionProbe())
        _ = try Self.read(cache, env, now: Self.now)
        let claudeOnly = try Self.read(cache, env, now: Self.now).filtered(ExportQuery(requestedProviders: [.claude]))
        #expect(try Self.read(cache, env, now: Self.now).filtered(ExportQuery()).entries.count == 4)
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
        let sources = CredentialSources(
            auth: AuthConfig(), database: env.reader,
            settingsCache: VersionedCache(probe: try env.reader.dataVersionProbe()))
        try env.writer.setSetting(.endpointSecret, to: "first-secret-first-secret-first-s", at: TestEnvironment.now)
        #expect(try sources.endpointSecret() == "first-secret-first-secret-first-s")
        #expect(try sources.passwordHash(.admin) != "stored-hash")
        try env.writer.setSetting(.endpointSecret, to: "second-secret-second-secret-secon", at: TestEnvironment.now)
        try env.writer.setSetting(.adminPasswordHash, to: "stored-hash", at: TestEnvironment.now)
        #expect(try sources.endpointSecret() == "second-secret-second-secret-secon")
        #expect(try sources.passwordHash(.admin) == "stored-hash")
    }
}
