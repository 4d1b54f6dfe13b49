import AIMeterCore
import AIMeterHTTP
import Foundation

/// Everything an adapter may use during one poll.
public struct ProviderContext: Sendable {
    /// The provider entry being polled.
    public var config: ProviderConfig
    /// The credential to use: the database copy when it is newer than the config copy.
    public var credentials: Credentials?
    /// The upstream client (libcurl in production, the same client against a mock in tests).
    public var http: any HTTPClient
    /// The clock; tests inject a fixed one.
    public var now: @Sendable () -> Date
    /// Persists a rotated credential, encrypted, before the adapter uses it. Adapters that
    /// refresh OAuth tokens must `await` this before sending the new access token anywhere, so a
    /// crash can never lose the only valid refresh token.
    public var persistCredentials: @Sendable (Credentials) async throws -> Void

    /// Creates a context.
    public init(
        config: ProviderConfig,
        credentials: Credentials?,
        http: any HTTPClient,
        now: @escaping @Sendable () -> Date = { Date() },
        persistCredentials: @escaping @Sendable (Credentials) async throws -> Void = { _ in }
    ) {
        self.config = config
        self.credentials = credentials
        self.http = http
        self.now = now
        self.persistCredentials = persistCredentials
    }

    /// `config.baseURL` without a trailing slash, or `defaultOrigin`.
    public func origin(default defaultOrigin: String) -> String {
        guard let base = config.baseURL?.trimmingCharacters(in: .whitespaces), !base.isEmpty else { return defaultOrigin }
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }
}

/// A provider type's fetcher. Fetching (requests) and parsing (pure functions over fixtures)
/// are kept apart inside each adapter.
public protocol ProviderAdapter: Sendable {
    /// The type this adapter serves.
    var type: ProviderType { get }

    /// Checks the provider-specific parts of an entry (credential kind, `options`, `region`).
    /// Returns human-readable problems, each starting with the key path relative to the
    /// provider entry (`credentials.type: ...`, `options.workspaceId: ...`).
    func validate(_ config: ProviderConfig) -> [String]

    /// Polls the upstream once and returns the normalized snapshot.
    /// Throws only ``ProviderError``; messages never contain a secret.
    func fetch(_ context: ProviderContext) async throws -> UsageSnapshot
}
