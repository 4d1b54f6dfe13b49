import AIMeterConfig
import AIMeterCore
import AIMeterHTTP
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The whole collector process: runtime, control socket, scheduler loop, retention, systemd
/// notifications and signals. Built by ``start(_:)``, run by ``run(signals:)``.
public final class CollectorDaemon: Sendable {
    /// Opens the store for a configuration (database writer, migrations, credential key).
    public typealias StoreOpener = @Sendable (AppConfig) throws -> any CollectorStore

    /// Everything ``start(_:)`` needs; tests replace the HTTP client, clock, adapters or notifier.
    public struct Setup: Sendable {
        /// `--config PATH` (nil: `$AIMETER_CONFIG_FILE`, else `/etc/aimeter/config.yaml`).
        public var configPath: String?
        /// The process environment (config overrides, `WATCHDOG_USEC`, ...).
        public var environment: [String: String]
        /// Opens the database.
        public var openStore: StoreOpener
        /// Upstream HTTP client; nil builds the libcurl client from the configuration.
        public var http: (any HTTPClient)?
        /// Time source.
        public var clock: any CollectorClock
        /// Adapter lookup.
        public var adapters: PollRunner.AdapterLookup
        /// systemd notifications.
        public var notifier: any ServiceNotifier
        /// The watchdog interval; nil disables `WATCHDOG=1`.
        public var watchdogInterval: TimeInterval?
        /// Logger for everything the daemon does.
        public var logger: Logger
        /// When set, the process exits (status 0) this many seconds after `STOPPING=1` even if
        /// the graceful stop has not finished; nil (tests) waits for it.
        public var forcedExitAfter: TimeInterval?

        /// Creates a setup with production defaults for everything but the path and environment.
        public init(
            configPath: String?,
            environment: [String: String],
            openStore: @escaping StoreOpener,
            http: (any HTTPClient)? = nil,
            clock: any CollectorClock = SystemClock(),
            adapters: @escaping PollRunner.AdapterLookup = PollRunner.registryLookup,
            notifier: any ServiceNotifier = SystemdNotifier(),
            watchdogInterval: TimeInterval? = SystemdNotifier.watchdogInterval(),
            logger: Logger,
            forcedExitAfter: TimeInterval? = nil
        ) {
            self.configPath = configPath
            self.environment = environment
            self.openStore = openStore
            self.http = http
            self.clock = clock
            self.adapters = adapters
            self.notifier = notifier
            self.watchdogInterval = watchdogInterval
            self.logger = logger
            self.forcedExitAfter = forcedExitAfter
        }
    }

    /// The shared state (configuration, store, scheduler).
    public let runtime: CollectorRuntime
    let server: ControlServer
    let setup: Setup
    private let lastStatus = Mutex("")

    /// The last `STATUS=` line sent.
    var lastStatusLine: String {
        get { lastStatus.withLock { $0 } }
        set { lastStatus.withLock { $0 = newValue } }
    }

    private init(runtime: CollectorRuntime, server: ControlServer, setup: Setup) {
        self.runtime = runtime
        self.server = server
        self.setup = setup
    }

    /// Loads and checks the configuration, opens the database (migrations), syncs providers,
    /// creates missing secrets and opens the control socket. After this returns the daemon is
    /// ready; ``run(signals:)`` sends `READY=1`.
    public static func start(_ setup: Setup) async throws(CollectorStartupError) -> CollectorDaemon {
        let config: AppConfig
        do {
            config = try ProviderValidation.loadConfig(commandLinePath: setup.configPath, environment: setup.environment, adapters: setup.adapters)
        } catch {
            throw .configuration(error)
        }
        let store: any CollectorStore
        do {
            store = try setup.openStore(config)
        } catch {
            throw .database("\(error)")
        }
        let http = setup.http ?? CurlHTTPClient(configuration: Self.curlConfiguration(config.collector))
        let runtime = CollectorRuntime(
            config: config, store: store, http: http, clock: setup.clock, adapters: setup.adapters, logger: setup.logger)
        do {
            try await runtime.start()
        } catch {
            throw .database("\(error)")
        }
        let server: ControlServer
        do {
            server = try ControlServer(
                path: config.collector.socket, dispatcher: ControlDispatcher(runtime: runtime), logger: setup.logger)
        } catch {
            throw .socket(path: config.collector.socket, reason: "\(error)")
        }
        setup.logger.info(
            "Collector started",
            metadata: [
                "providers": "\(config.providers.count)", "socket": "\(config.collector.socket)",
                "database": "\(config.database.path)", "version": "\(CollectorRuntime.version)",
            ])
        return CollectorDaemon(runtime: runtime, server: server, setup: setup)
    }

    static func curlConfiguration(_ collector: CollectorConfig) -> CurlHTTPClient.Configuration {
        CurlHTTPClient.Configuration(
            defaultTimeoutSeconds: collector.requestTimeoutSeconds,
            connectTimeoutSeconds: min(10, collector.requestTimeoutSeconds),
            maxConcurrentTransfers: max(8, collector.concurrency))
    }
}

/// Why the collector could not start.
public enum CollectorStartupError: Error, Sendable, CustomStringConvertible {
    /// The configuration is invalid (exit 78).
    case configuration(ConfigError)
    /// The database or the credential key could not be opened.
    case database(String)
    /// The control socket could not be created.
    case socket(path: String, reason: String)

    /// The reason, for logs and stderr.
    public var description: String {
        switch self {
        case .configuration(let error): error.description
        case .database(let reason): "cannot open the database: \(reason)"
        case .socket(let path, let reason): "cannot create the control socket \(path): \(reason)"
        }
    }
}
