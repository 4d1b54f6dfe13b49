import AIMeterConfig
import AIMeterCore
import AIMeterHTTP
import AIMeterProviders
import Foundation
import Logging
import Synchronization

/// The running collector's shared state: the current configuration, the store, the scheduler
/// and the poll coordinator. The control operations and the daemon's reload work on it.
public final class CollectorRuntime: Sendable {
    /// The version reported by `ping`, `status` and `--version`.
    public static let version = AIMeterVersion.current

    let store: any CollectorStore
    let clock: any CollectorClock
    let http: any HTTPClient
    let adapters: PollRunner.AdapterLookup
    let logger: Logger
    let scheduler = Scheduler()
    let coordinator: PollCoordinator
    /// When the runtime was created (the collector's start).
    let startedAt: Date
    private let configuration: Mutex<AppConfig>

    /// Creates the runtime for a validated configuration. Nothing runs until ``start()``.
    public init(
        config: AppConfig,
        store: any CollectorStore,
        http: any HTTPClient,
        clock: any CollectorClock = SystemClock(),
        adapters: @escaping PollRunner.AdapterLookup = PollRunner.registryLookup,
        logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.http = http
        self.adapters = adapters
        self.logger = logger
        self.startedAt = clock.now()
        self.configuration = Mutex(config)
        let scheduler = scheduler
        self.coordinator = PollCoordinator(
            runner: Self.makeRunner(config, store: store, http: http, clock: clock, adapters: adapters, logger: logger),
            concurrency: config.collector.concurrency,
            onOutcome: { await scheduler.record($0) }
        )
    }

    /// The configuration in force.
    public var config: AppConfig { configuration.withLock { $0 } }

    /// Mirrors the providers into the database, creates missing secrets and schedules the
    /// first polls.
    public func start() async throws {
        try await install(config)
    }

    /// Switches to a new, already validated configuration (SIGHUP). Providers added, removed or
    /// changed take effect at once; polls in flight finish with the settings they started with.
    public func apply(_ newConfig: AppConfig) async throws {
        let old = config
        if old.collector.socket != newConfig.collector.socket || old.database != newConfig.database {
            logger.warning("collector.socket and database.* changes take effect only after a restart")
        }
        try await install(newConfig)
    }

    private func install(_ newConfig: AppConfig) async throws {
        let now = clock.now()
        try store.syncProviders(newConfig.providers, now: now)
        try SecretBootstrap.ensureSecrets(store: store, auth: newConfig.auth, now: now)
        configuration.withLock { $0 = newConfig }
        let runner = Self.makeRunner(newConfig, store: store, http: http, clock: clock, adapters: adapters, logger: logger)
        await coordinator.reconfigure(runner: runner, concurrency: newConfig.collector.concurrency)
        await scheduler.apply(providers: newConfig.providers, states: try store.fetchStates(), now: now)
    }

    static func makeRunner(
        _ config: AppConfig,
        store: any CollectorStore,
        http: any HTTPClient,
        clock: any CollectorClock,
        adapters: @escaping PollRunner.AdapterLookup,
        logger: Logger
    ) -> PollRunner {
        let timeout = config.collector.requestTimeoutSeconds
        return PollRunner(
            store: store,
            http: RequestTimeoutHTTPClient(base: http, timeoutSeconds: timeout),
            clock: clock,
            adapters: adapters,
            pollDeadline: PollRunner.pollDeadline(requestTimeoutSeconds: timeout),
            logger: logger
        )
    }
}
