import AIMeterCore
import Foundation

/// The `jobs` operation: a due-gated batch refresh with AIMeter's cron semantics (no 3-minute
/// cache, no cooldown). The result is exactly AIMeter's `data` object.
struct JobsRun: Sendable {
    let store: any CollectorStore
    let coordinator: PollCoordinator
    let clock: any CollectorClock

    /// Runs the batch over `selected` providers (display order) and builds the `data` object.
    func run(_ selected: [ProviderConfig]) async -> JSONValue {
        let started = ContinuousClock.now
        let now = clock.now()
        let states = (try? store.fetchStates()) ?? [:]
        let results = await withTaskGroup(of: (Int, JSONValue).self) { group in
            for (index, config) in selected.enumerated() {
                let decision = JobsGate.decide(
                    now: now, lastAttemptAt: states[config.id]?.lastAttemptAt, refreshIntervalMinutes: config.refreshIntervalMinutes
                )
                group.addTask { (index, await execute(config, decision: decision)) }
            }
            var results = [JSONValue](repeating: .null, count: selected.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        let executed = results.filter { $0["status"]?.stringValue == "executed" }
        let succeeded = executed.filter { $0["ok"]?.boolValue == true }.count
        var data = JSONObject()
        data["total"] = .number(Double(selected.count))
        data["executed"] = .number(Double(executed.count))
        data["skipped"] = .number(Double(selected.count - executed.count))
        data["success"] = .number(Double(succeeded))
        data["failed"] = .number(Double(executed.count - succeeded))
        data["durationMs"] = .number((ContinuousClock.now - started).inMilliseconds.rounded(.down))
        data["results"] = .array(results)
        return .object(data)
    }

    private func execute(_ config: ProviderConfig, decision: JobsGate.Decision) async -> JSONValue {
        var result = JSONObject()
        result["id"] = .string(config.id)
        result["provider"] = .string(config.type.rawValue)
        switch decision {
        case .notDue(let nextDueAt):
            result["status"] = "skipped"
            result["reason"] = "NOT_DUE"
            result["nextDueAt"] = .number(Double(nextDueAt))
        case .due:
            let outcome = await coordinator.poll(config)
            result["status"] = "executed"
            switch outcome.result {
            case .success(let snapshot, _):
                result["ok"] = true
                result["updatedAt"] = .number(Double(UpstreamTime.unixSeconds(snapshot.updatedAt)))
            case .failure(let failure):
                result["ok"] = false
                result["error"] = .string(failure.message)
            }
        }
        return .object(result)
    }
}
