import AIMeterCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `status` operation's result and the systemd `STATUS=` line.
extension CollectorRuntime {
    /// `{"version","startedAt","lastRoundAt","providers":[...]}`; times in unix seconds or null.
    func statusReport() async throws -> JSONValue {
        let states = try store.fetchStates()
        let providers = await scheduler.providers
        var entries: [JSONValue] = []
        for provider in providers {
            let state = states[provider.id] ?? FetchState()
            var entry = JSONObject()
            entry["id"] = .string(provider.id)
            entry["provider"] = .string(provider.type.rawValue)
            entry["name"] = .string(provider.name)
            entry["refreshInterval"] = .number(Double(provider.refreshIntervalMinutes))
            entry["nextDueAt"] = Self.seconds(await scheduler.nextDue(of: provider.id))
            entry["lastAttemptAt"] = Self.seconds(state.lastAttemptAt)
            entry["lastSuccessAt"] = Self.seconds(state.lastSuccessAt)
            entry["lastFailedAt"] = Self.seconds(state.lastFailedAt)
            entry["consecutiveFailures"] = .number(Double(state.consecutiveFailures))
            entry["authRequired"] = .bool(state.authRequired)
            entry["lastError"] = .string(state.lastFailureReason)
            entries.append(.object(entry))
        }
        var report = JSONObject()
        report["version"] = .string(Self.version)
        report["startedAt"] = Self.seconds(startedAt)
        report["lastRoundAt"] = Self.seconds(await scheduler.lastRoundAt)
        report["providers"] = .array(entries)
        return .object(report)
    }

    /// A one-line summary for `STATUS=`: `12 providers, last round 14:03:05, 1 failing`.
    func statusLine() async -> String {
        let providers = await scheduler.providers
        let failing = await scheduler.failingCount
        var parts = [providers.count == 1 ? "1 provider" : "\(providers.count) providers"]
        if let lastRound = await scheduler.lastRoundAt {
            parts.append("last round \(Self.clockTime(lastRound))")
        } else {
            parts.append("no round yet")
        }
        if failing > 0 { parts.append("\(failing) failing") }
        return parts.joined(separator: ", ")
    }

    static func seconds(_ date: Date?) -> JSONValue {
        date.map { .number(Double(UpstreamTime.unixSeconds($0))) } ?? .null
    }

    /// `HH:mm:ss` in local time. Deliberately not `DateFormatter`: its first use pages in about
    /// 3 MB of ICU code and data, a tenth of the idle daemon's resident memory, for a status line.
    static func clockTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec))"
    }
}
