import AIMeterCore
import Foundation

/// Which provider is due when. The scheduler loop (``run(coordinator:clock:heartbeat:maximumSleep:)``)
/// sleeps until the earliest due time, hands every due provider to the ``PollCoordinator`` as
/// its own child task (so a slow provider never delays another), and reschedules each provider
/// from its poll's outcome, whichever path triggered the poll.
actor Scheduler {
    /// The configured providers in display order.
    private(set) var providers: [ProviderConfig] = []
    private var due: [String: Date] = [:]
    private var dispatched: Set<String> = []
    private var failing: Set<String> = []
    /// When the loop last started polls.
    private(set) var lastRoundAt: Date?
    let wake = WakeSignal()

    /// Installs the provider set (startup and reload) and wakes the loop.
    ///
    /// - New providers (all of them at startup) are due right away plus their jitter, unless the
    ///   stored state shows them backing off after failures: then the stored `nextDueAt` holds, so
    ///   a restart loop cannot hammer a provider that rate-limits us.
    /// - Providers whose interval changed are due one new interval after their last attempt.
    /// - Providers removed from the config are dropped; manual-only providers are never due.
    func apply(providers newProviders: [ProviderConfig], states: [String: FetchState], now: Date) {
        let previous = Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var newDue: [String: Date] = [:]
        for provider in newProviders where provider.isScheduled {
            let state = states[provider.id] ?? FetchState()
            if let old = previous[provider.id] {
                if old.refreshIntervalMinutes == provider.refreshIntervalMinutes {
                    if let existing = due[provider.id] { newDue[provider.id] = existing }
                } else {
                    let base = state.lastAttemptAt ?? now
                    newDue[provider.id] = max(now, base.addingTimeInterval(TimeInterval(provider.refreshIntervalMinutes) * 60))
                }
            } else {
                newDue[provider.id] = Self.firstDue(provider, state: state, now: now)
            }
        }
        let kept = Set(newProviders.map(\.id))
        dispatched = dispatched.filter { kept.contains($0) }
        failing = Set(newProviders.filter { (states[$0.id]?.consecutiveFailures ?? 0) > 0 }.map(\.id))
        due = newDue
        providers = newProviders
        wake.signal()
    }

    /// The first poll time of a provider the scheduler has not seen yet.
    static func firstDue(_ provider: ProviderConfig, state: FetchState, now: Date) -> Date {
        let jittered = now.addingTimeInterval(
            ScheduleJitter.offset(providerId: provider.id, intervalMinutes: provider.refreshIntervalMinutes)
        )
        if state.consecutiveFailures > 0, let stored = state.nextDueAt, stored > jittered {
            return stored
        }
        return jittered
    }

    /// Providers due at `now` that are not already handed out; they leave the due list until
    /// their outcome is recorded.
    func takeDue(now: Date) -> [ProviderConfig] {
        let ready = providers.filter { provider in
            guard let dueAt = due[provider.id], !dispatched.contains(provider.id) else { return false }
            return dueAt <= now
        }
        for provider in ready {
            due[provider.id] = nil
            dispatched.insert(provider.id)
        }
        if !ready.isEmpty { lastRoundAt = now }
        return ready
    }

    /// How many providers failed their last poll.
    var failingCount: Int { failing.count }

    /// The earliest due time, if any provider is scheduled.
    var earliestDue: Date? { due.values.min() }

    /// The next scheduled poll of one provider (nil while it is being polled or when manual-only).
    func nextDue(of providerId: String) -> Date? { due[providerId] }

    /// Reschedules a provider from a finished poll (any trigger) and wakes the loop.
    func record(_ outcome: PollOutcome) {
        dispatched.remove(outcome.providerId)
        guard let provider = providers.first(where: { $0.id == outcome.providerId }) else { return }
        switch outcome.failure {
        case .none: failing.remove(provider.id)
        case .some(let failure) where failure != .cancelled: failing.insert(provider.id)
        case .some: break
        }
        guard provider.isScheduled else { return }
        due[provider.id] = outcome.nextDueAt
            ?? outcome.attemptAt.addingTimeInterval(TimeInterval(provider.refreshIntervalMinutes) * 60)
        wake.signal()
    }
}
