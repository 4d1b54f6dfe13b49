import AIMeterConfig
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

extension CollectorDaemon {
    /// Sends `READY=1`, serves the socket, runs the scheduler and retention, and handles signals
    /// until SIGTERM or SIGINT (or the end of `signals`). Returns after a graceful stop.
    public func run(signals: AsyncStream<Int32>) async {
        let runtime = runtime
        let logger = setup.logger
        server.start()
        let status = await runtime.statusLine()
        lastStatusLine = status
        setup.notifier.notify(SystemdMessage.ready(status: status))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await runtime.scheduler.run(
                    coordinator: runtime.coordinator, clock: runtime.clock,
                    heartbeat: { await self.heartbeat() },
                    maximumSleep: self.setup.watchdogInterval.map { $0 / 2 } ?? 60)
            }
            group.addTask {
                let pruner = RetentionPruner(store: runtime.store, logger: logger)
                await pruner.run(retentionDays: { runtime.config.collector.retentionDays }, clock: runtime.clock)
            }
            for await signal in signals {
                if signal == SIGHUP {
                    await reload()
                } else {
                    logger.info("Stopping", metadata: ["signal": "\(signal)"])
                    break
                }
            }
            setup.notifier.notify(SystemdMessage.stopping)
            if let limit = setup.forcedExitAfter {
                // A safety net under systemd's TimeoutStopSec (20 s): leave before being SIGKILLed.
                DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
                    logger.error("Graceful stop did not finish in time; exiting")
                    exit(0)
                }
            }
            server.stop()
            // Cancels upstream requests; a database write already running still commits.
            await runtime.coordinator.cancelAll()
            group.cancelAll()
        }
        logger.info("Collector stopped")
    }

    /// Re-reads the configuration (SIGHUP). A bad configuration is logged problem by problem
    /// and the running one is kept. Returns whether the new configuration is in force.
    @discardableResult
    public func reload() async -> Bool {
        setup.notifier.notify(SystemdMessage.reloading(monotonicMicroseconds: SystemdNotifier.monotonicMicroseconds()))
        let applied: Bool
        do {
            let config = try ProviderValidation.loadConfig(
                commandLinePath: setup.configPath, environment: setup.environment, adapters: setup.adapters)
            try await runtime.apply(config)
            setup.logger.info("Configuration reloaded", metadata: ["providers": "\(config.providers.count)"])
            applied = true
        } catch let error as ConfigError {
            for problem in error.problems {
                setup.logger.error("Invalid configuration: \(problem.description)")
            }
            setup.logger.error("Reload refused; keeping the previous configuration")
            applied = false
        } catch {
            setup.logger.error("Reload failed; keeping the previous configuration", metadata: ["error": "\(error)"])
            applied = false
        }
        let status = await runtime.statusLine()
        lastStatusLine = status
        setup.notifier.notify(SystemdMessage.ready(status: status))
        return applied
    }

    /// One turn of the scheduler loop: the watchdog ping and, when it changed, the status line.
    func heartbeat() async {
        if setup.watchdogInterval != nil {
            setup.notifier.notify(SystemdMessage.watchdog)
        }
        let status = await runtime.statusLine()
        if status != lastStatusLine {
            lastStatusLine = status
            setup.notifier.notify(SystemdMessage.status(status))
        }
    }
}
