import AIMeterCore
import Foundation

/// How one poll of one provider ended. The poll has already been recorded (snapshot and fetch
/// state committed) by the time anyone sees its outcome.
public struct PollOutcome: Sendable, Equatable {
    /// The provider polled.
    public var providerId: String
    /// When the attempt started (stamped as `lastAttemptAt`).
    public var attemptAt: Date
    /// When the attempt ended.
    public var finishedAt: Date
    /// The snapshot or the failure.
    public var result: Result
    /// When the scheduler polls next (nil for manual-only providers).
    public var nextDueAt: Date?

    /// The two ways a poll ends.
    public enum Result: Sendable, Equatable {
        /// The upstream answered; `isStored` tells whether a snapshot row was appended (a snapshot
        /// with neither items nor cost is not stored, AIMeter's rule).
        case success(UsageSnapshot, isStored: Bool)
        /// The poll failed.
        case failure(PollFailure)
    }

    /// The failure, when the poll failed.
    public var failure: PollFailure? {
        if case .failure(let failure) = result { return failure }
        return nil
    }

    /// The snapshot, when the poll succeeded.
    public var snapshot: UsageSnapshot? {
        if case .success(let snapshot, _) = result { return snapshot }
        return nil
    }
}

/// Why a poll failed: a ``ProviderError`` or a problem of the collector itself (the database).
public struct PollFailure: Error, Sendable, Equatable {
    /// Stable code stored as `lastErrorCode` (``ProviderError/code`` or `STORE_ERROR`/`CANCELLED`).
    public var code: String
    /// Message safe to log and to show (no secrets).
    public var message: String
    /// Whether a human must fix the credential.
    public var isAuthRequired: Bool
    /// Seconds the upstream asked us to wait.
    public var retryAfter: Double?

    /// Creates a failure.
    public init(code: String, message: String, isAuthRequired: Bool = false, retryAfter: Double? = nil) {
        self.code = code
        self.message = message
        self.isAuthRequired = isAuthRequired
        self.retryAfter = retryAfter
    }

    /// The failure a provider error describes.
    public init(_ error: ProviderError) {
        self.init(code: error.code, message: error.message, isAuthRequired: error.isAuthRequired, retryAfter: error.retryAfter)
    }

    /// The poll was cancelled (shutdown).
    public static let cancelled = PollFailure(code: "CANCELLED", message: "Poll cancelled")
}
