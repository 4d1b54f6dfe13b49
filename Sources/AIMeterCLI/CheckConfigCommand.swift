import AIMeterConfig
import AIMeterLogging
import AIMeterProviders
import ArgumentParser
import Foundation

/// `aimeter check-config`: validates the configuration like the daemons and prints it resolved,
/// with every secret masked.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and print it resolved, secrets masked (exit 78 on problems)."
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let outcome = ConfigCheck.run(commandLinePath: options.config, environment: environment)
        guard outcome.exitCode == 0 else {
            StandardError.write(outcome.errors)
            throw ExitCode(outcome.exitCode)
        }
        // The YAML is valid; the provider adapters check their own options too.
        _ = try options.load()
        print(outcome.output, terminator: "")
    }
}
