import Foundation

extension Scheduler {
    /// Runs the scheduling loop until the task is cancelled.
    ///
    /// - Parameters:
    ///   - coordinator: where due providers are polled.
    ///   - clock: the time source (injected in tests).
    ///   - heartbeat: called on every turn of the loop (the systemd watchdog ping).
    ///   - maximumSleep: the longest the loop sleeps without a turn (half the watchdog interval,
    ///     or a minute so a wall-clock jump is noticed).
    nonisolated func run(
        coordinator: PollCoordinator,
        clock: any CollectorClock,
        heartbeat: @escaping @Sendable () async -> Void,
        maximumSleep: TimeInterval
    ) async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                await heartbeat()
                let now = clock.now()
                for provider in await takeDue(now: now) {
                    group.addTask { _ = await coordinator.poll(provider) }
                }
                let limit = now.addingTimeInterval(maximumSleep)
                let wakeAt = await earliestDue.map { min($0, limit) } ?? limit
                await sleep(until: wakeAt, clock: clock)
            }
        }
    }

    /// Sleeps until `deadline` or until the wake signal rings, whichever is first.
    private nonisolated func sleep(until deadline: Date, clock: any CollectorClock) async {
        let wake = wake
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await wake.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
