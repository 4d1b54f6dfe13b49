import AIMeterConfig
import AIMeterLogging
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// What `aimeter-collector` does, behind a thin `main.swift`.
public enum CollectorCommand {
    /// Runs the command line and returns the process exit status: 0 after a graceful stop or
    /// for `--help`/`--version`, 64 for a usage error, 78 for an invalid configuration (every
    /// problem printed with its key path), 1 when the database or socket cannot be opened.
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        let options: CollectorOptions
        do {
            options = try CollectorOptions.parse(Array(arguments.dropFirst()))
        } catch {
            StandardError.print("aimeter-collector: \(error.message)\n\n\(CollectorOptions.usage)")
            return CollectorUsageError.exitCode
        }
        switch options.action {
        case .help:
            print(CollectorOptions.usage)
            return 0
        case .version:
            print("aimeter-collector \(CollectorRuntime.version)")
            return 0
        case .run:
            break
        }
        StderrLogHandler.bootstrap(environment: environment)
        let logger = Logger(label: "aimeter.collector")
        // Installed before startup so a SIGTERM during startup stops the daemon right after it.
        let signals = SignalEvents.stream([SIGHUP, SIGTERM, SIGINT])
        let setup = CollectorDaemon.Setup(
            configPath: options.configPath, environment: environment,
            openStore: { config in try DatabaseCollectorStore.open(config.database) }, logger: logger, forcedExitAfter: 15)
        let daemon: CollectorDaemon
        do {
            daemon = try await CollectorDaemon.start(setup)
        } catch .configuration(let error) {
            let source = options.configPath ?? ConfigLoader.defaultPath(environment: environment)
            StandardError.print(error.report(sourcePath: source))
            return ExitCode.configError
        } catch {
            logger.critical("Cannot start: \(error.description)")
            return 1
        }
        await daemon.run(signals: signals)
        return 0
    }
}
