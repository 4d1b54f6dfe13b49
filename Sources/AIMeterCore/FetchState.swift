import Foundation

/// Per-provider bookkeeping of polls, kept by the collector and read by the API.
public struct FetchState: Codable, Sendable, Equatable {
    /// Start of the last poll attempt (scheduled or manual).
    public var lastAttemptAt: Date?
    /// End of the last successful poll.
    public var lastSuccessAt: Date?
    /// End of the last failed poll; cleared on success.
    public var lastFailedAt: Date?
    /// The last failure's message, cut to 200 characters; cleared on success.
    public var lastFailureReason: String?
    /// The last failure's ``ProviderError/code``; cleared on success.
    public var lastErrorCode: String?
    /// Set when the last failure means the credential needs a human (re-login, new key).
    public var authRequired: Bool
    /// Failures in a row since the last success.
    public var consecutiveFailures: Int
    /// When the scheduler will poll next (nil for manual-only providers).
    public var nextDueAt: Date?

    /// Creates a fetch state; the defaults describe a provider never polled.
    public init(
        lastAttemptAt: Date? = nil,
        lastSuccessAt: Date? = nil,
        lastFailedAt: Date? = nil,
        lastFailureReason: String? = nil,
        lastErrorCode: String? = nil,
        authRequired: Bool = false,
        consecutiveFailures: Int = 0,
        nextDueAt: Date? = nil
    ) {
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastFailedAt = lastFailedAt
        self.lastFailureReason = lastFailureReason
        self.lastErrorCode = lastErrorCode
        self.authRequired = authRequired
        self.consecutiveFailures = consecutiveFailures
        self.nextDueAt = nextDueAt
    }

    /// AIMeter's limit on stored failure reasons.
    public static let maxReasonLength = 200

    /// Cuts a failure message to ``maxReasonLength`` characters.
    public static func truncatedReason(_ message: String) -> String {
        String(message.prefix(maxReasonLength))
    }
}
