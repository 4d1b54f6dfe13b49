import AIMeterCore
import AIMeterStore
import Foundation
import Logging

/// The `refresh` operation: AIMeter's protected manual refresh for a list of providers, run
/// concurrently (live fetches bounded by the coordinator), answered in request order.
struct ManualRefresh: Sendable {
    let store: any CollectorStore
    let coordinator: PollCoordinator
    let clock: any CollectorClock
    let logger: Logger

    /// Refreshes the requested providers. `requested` nil means every provider in display order.
    func refresh(_ requested: [String]?, providers: [ProviderConfig]) async -> [RefreshResult] {
        let targets: [(id: String, config: ProviderConfig?)] =
            if let requested {
                requested.map { id in (id, providers.first { $0.id == id }) }
            } else {
                providers.map { ($0.id, $0) }
            }
        return await withTaskGroup(of: (Int, RefreshResult).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask {
                    guard let config = target.config else {
                        let status = RefreshResult.Status.failed(code: RefreshResult.notFound, message: "Provider not found", authRequired: false)
                        return (index, RefreshResult(id: target.id, provider: nil, status: status))
                    }
                    return (index, await refreshOne(config))
                }
            }
            var results = [RefreshResult?](repeating: nil, count: targets.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// One provider through the protection steps of reference/api.md §4.2.
    func refreshOne(_ config: ProviderConfig) async -> RefreshResult {
        let now = clock.now()
        let latestAt: Date?
        let decision: RefreshProtection.Decision
        do {
            // Stamped even when answered from cache or during the cooldown (AIMeter).
            let state = try store.updateFetchState(providerId: config.id) { $0.lastAttemptAt = now }
            latestAt = try store.latestSnapshotTime(providerId: config.id)
            decision = RefreshProtection.decide(now: now, latestSnapshotAt: latestAt, lastFailedAt: state.lastFailedAt)
        } catch {
            logger.error("Manual refresh cannot read state", metadata: ["provider.id": "\(config.id)", "error": "\(error)"])
            let status = RefreshResult.Status.failed(code: RefreshResult.refreshError, message: "Database error: \(StoreError.brief(error))", authRequired: false)
            return RefreshResult(id: config.id, provider: config.type, status: status)
        }
        let status: RefreshResult.Status
        switch decision {
        case .cached(let at):
            status = .cached(cachedAt: at)
        case .coolingDown:
            status =
                latestAt == nil
                ? .failed(
                    code: RefreshResult.temporarilyUnavailable,
                    message: "Data temporarily unavailable due to a recent failure", authRequired: false)
                : .stale(staleAt: now, fetchError: nil, authRequired: false)
        case .fetch:
            let outcome = await coordinator.poll(config)
            if let failure = outcome.failure {
                status =
                    latestAt == nil
                    ? .failed(code: RefreshResult.fetchError, message: failure.message, authRequired: failure.isAuthRequired)
                    : .stale(staleAt: clock.now(), fetchError: failure.message, authRequired: failure.isAuthRequired)
            } else {
                status = .fresh
            }
        }
        return RefreshResult(id: config.id, provider: config.type, status: status)
    }
}
