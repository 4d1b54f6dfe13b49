import AIMeterCore
import ArgumentParser

/// The `aimeter` operator command: configuration checks, password hashes, the latest numbers,
/// and the collector's write operations through its control socket.
public struct AIMeterCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aimeter",
        abstract: "Operator tool for aimeter, the self-hosted meter for AI subscription quotas.",
        discussion: """
            Exit codes: 0 success, 1 failure, 2 status gate exceeded (status --fail-above), 64 usage error, \
            65 invalid input (password policy), 69 collector unavailable, 75 collector timed out, 78 configuration error.
            """,
        version: AIMeterVersion.current,
        subcommands: [
            StatusCommand.self, RefreshCommand.self, CheckConfigCommand.self, HashPasswordCommand.self,
            PasswdCommand.self, SecretsCommand.self,
        ]
    )

    public init() {}
}

extension AIMeterCommand {
    /// Parses the command line and runs the chosen subcommand, awaiting async ones. (Called from
    /// `main.swift`; ArgumentParser's own `main()` cannot be awaited from top-level code on Linux.)
    public static func runFromCommandLine(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
