import Foundation

/// The time source of the scheduler. Production uses ``SystemClock``; tests inject a clock they
/// advance by hand, so schedules can be checked without waiting.
public protocol CollectorClock: Sendable {
    /// The current time.
    func now() -> Date

    /// Suspends until `deadline` (returns at once when it has passed).
    /// Throws `CancellationError` when the calling task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The wall clock.
public struct SystemClock: CollectorClock {
    /// Creates the clock.
    public init() {}

    /// The wall-clock time.
    public func now() -> Date { Date() }

    /// Sleeps with `Task.sleep`; cancellable.
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .seconds(seconds))
    }
}
