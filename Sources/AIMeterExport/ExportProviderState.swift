import AIMeterCore
import Foundation

/// Poll bookkeeping of one provider, for the Prometheus health metrics.
public struct ExportProviderState: Sendable, Equatable {
    /// End of the last successful poll, unix seconds.
    public var lastSuccessAt: Int64?
    /// Start of the last poll attempt, unix seconds.
    public var lastAttemptAt: Int64?
    /// Whether the credential needs a human (re-login, new key).
    public var authRequired: Bool
    /// Failures in a row since the last success.
    public var consecutiveFailures: Int
    /// Whether the last finished poll succeeded; nil when the provider was never polled.
    public var lastPollSucceeded: Bool?

    /// Creates a state.
    public init(
        lastSuccessAt: Int64? = nil,
        lastAttemptAt: Int64? = nil,
        authRequired: Bool = false,
        consecutiveFailures: Int = 0,
        lastPollSucceeded: Bool? = nil
    ) {
        self.lastSuccessAt = lastSuccessAt
        self.lastAttemptAt = lastAttemptAt
        self.authRequired = authRequired
        self.consecutiveFailures = consecutiveFailures
        self.lastPollSucceeded = lastPollSucceeded
    }

    /// Derives the state from the collector's ``FetchState``.
    ///
    /// The last poll succeeded when a success exists and is not older than the last failure.
    public init(_ state: FetchState) {
        let success = state.lastSuccessAt
        let failure = state.lastFailedAt
        let succeeded: Bool?
        switch (success, failure) {
        case (nil, nil): succeeded = nil
        case (.some, nil): succeeded = true
        case (nil, .some): succeeded = false
        case (.some(let success), .some(let failure)): succeeded = success >= failure
        }
        self.init(
            lastSuccessAt: success.map(Self.unixSeconds),
            lastAttemptAt: state.lastAttemptAt.map(Self.unixSeconds),
            authRequired: state.authRequired,
            consecutiveFailures: state.consecutiveFailures,
            lastPollSucceeded: succeeded
        )
    }

    private static func unixSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
