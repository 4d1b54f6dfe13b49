import AIMeterCore
import AIMeterHTTP
import AIMeterProviders
import Foundation
import Logging

/// Polls one provider once and records the result: stamps `lastAttemptAt`, resolves the
/// credential, runs the adapter under a deadline, appends the snapshot and updates the fetch
/// state. It never throws: every failure becomes a recorded ``PollFailure``.
public struct PollRunner: Sendable {
    /// Finds the adapter of a provider type (``ProviderRegistry/adapter(for:)`` in production;
    /// tests inject fakes).
    public typealias AdapterLookup = @Sendable (ProviderType) -> (any ProviderAdapter)?

    /// The production lookup: ``ProviderRegistry/adapter(for:)``.
    public static let registryLookup: AdapterLookup = { ProviderRegistry.adapter(for: $0) }

    let store: any CollectorStore
    let http: any HTTPClient
    let clock: any CollectorClock
    let adapters: AdapterLookup
    let backoff: BackoffPolicy
    /// Overall limit of one poll in seconds (several requests, OAuth refresh included).
    let pollDeadline: TimeInterval
    let logger: Logger

    /// Creates a runner.
    public init(
        store: any CollectorStore,
        http: any HTTPClient,
        clock: any CollectorClock,
        adapters: @escaping AdapterLookup = PollRunner.registryLookup,
        backoff: BackoffPolicy = BackoffPolicy(),
        pollDeadline: TimeInterval,
        logger: Logger
    ) {
        self.store = store
        self.http = http
        self.clock = clock
        self.adapters = adapters
        self.backoff = backoff
        self.pollDeadline = pollDeadline
        self.logger = logger
    }

    /// The overall poll deadline for a per-request timeout: room for a token refresh, a retry
    /// and the data request.
    public static func pollDeadline(requestTimeoutSeconds: Double) -> TimeInterval {
        max(30, requestTimeoutSeconds * 4)
    }

    /// Polls `config` once and returns the recorded outcome.
    public func poll(_ config: ProviderConfig) async -> PollOutcome {
        let attemptAt = clock.now()
        var logger = logger
        logger[metadataKey: "provider.id"] = "\(config.id)"
        logger[metadataKey: "provider.type"] = "\(config.type.rawValue)"
        do {
            try store.updateFetchState(providerId: config.id) { $0.lastAttemptAt = attemptAt }
        } catch {
            logger.error("Cannot stamp the poll attempt", metadata: ["error": "\(error)"])
            return record(.failure(Self.storeFailure(error)), config: config, attemptAt: attemptAt, logger: logger)
        }
        let result = await fetch(config, logger: logger)
        return record(result, config: config, attemptAt: attemptAt, logger: logger)
    }

    /// Resolves the credential and runs the adapter under the poll deadline.
    func fetch(_ config: ProviderConfig, logger: Logger) async -> Result<UsageSnapshot, PollFailure> {
        guard let adapter = adapters(config.type) else {
            return .failure(PollFailure(.configuration("No adapter for provider type \(config.type.rawValue)")))
        }
        let credential = CredentialResolution.resolve(config, store: store, logger: logger)
        let context = makeContext(config, credential: credential, logger: logger)
        let deadline = pollDeadline
        return await withTaskGroup(of: Result<UsageSnapshot, PollFailure>?.self) { group in
            group.addTask {
                do {
                    return .success(try await adapter.fetch(context))
                } catch {
                    return .failure(Self.failure(for: error))
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: .seconds(deadline))
                    return .failure(PollFailure(.timeout(seconds: deadline)))
                } catch {
                    return nil
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(.cancelled)
        }
    }

    func makeContext(_ config: ProviderConfig, credential: CredentialResolution, logger: Logger) -> ProviderContext {
        let store = store
        let clock = clock
        let providerId = config.id
        let sourceFingerprint = credential.sourceFingerprint
        return ProviderContext(
            config: config,
            credentials: credential.credentials,
            http: http,
            now: { clock.now() },
            persistCredentials: { rotated in
                // Synchronous and committed before we return: the adapter may only use the new
                // token afterwards, so a crash can never lose the only valid refresh token.
                try store.retainCredentials(rotated, sourceFingerprint: sourceFingerprint, providerId: providerId, at: clock.now())
                logger.info("Stored a rotated credential")
            }
        )
    }
}
