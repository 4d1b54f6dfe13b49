import AIMeterCore
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `aimeter status`: the latest numbers from the database as a table (or JSON), read-only.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the latest numbers of every provider (read-only, from the database)."
    )

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .long, help: "Never colour the output (also when NO_COLOR is set or stdout is not a terminal).")
    var noColor = false

    @Option(name: .long, help: "Exit with status 2 when any item's used percentage is at or above this value.")
    var failAbove: Double?

    @OptionGroup var options: ConfigOption

    func run() throws {
        let config = try options.load()
        let database = try StatusReader.openDatabase(config)
        let statuses: [ProviderStatus]
        do {
            statuses = try StatusReader.load(from: database)
        } catch {
            throw CLIExitCode.fail(CLIExitCode.failure, "cannot read the database: \(error)")
        }
        let now = Date()
        if json {
            print(StatusJSON.render(statuses).serialized(pretty: true))
        } else {
            let colors = !noColor && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            print(StatusTable(colors: colors).render(statuses, now: now), terminator: "")
        }
        if let failAbove, statuses.contains(where: { $0.snapshot?.items.contains { $0.usedPercent >= failAbove } ?? false }) {
            throw ExitCode(CLIExitCode.thresholdExceeded)
        }
    }
}

/// The `--json` shape of `aimeter status`.
enum StatusJSON {
    static func render(_ statuses: [ProviderStatus]) -> JSONValue {
        .array(statuses.map { status in
            var object = JSONObject()
            object["id"] = .string(status.provider.id)
            object["provider"] = .string(status.provider.type.rawValue)
            object["name"] = .string(status.provider.name)
            object["updatedAt"] = .number(status.snapshot.map { $0.createdAt.timeIntervalSince1970.rounded(.down) })
            object["plan"] = .string(status.snapshot?.identity?.trimmedPlan)
            object["items"] = .array((status.snapshot?.items ?? []).map { item in
                [
                    "name": .string(item.name),
                    "usedPercent": .number(item.usedPercent),
                    "remainingPercent": .number(item.remainingPercent),
                    "used": .number(item.used),
                    "limit": .number(item.limit),
                    "windowMinutes": .number(item.windowMinutes),
                    "resetsAt": .number(item.resetsAt.map(Double.init)),
                ]
            })
            if let cost = status.snapshot?.cost {
                object["cost"] = [
                    "used": .number(cost.used), "limit": .number(cost.limit), "remaining": .number(cost.remaining),
                    "currency": .string(cost.currency),
                ]
            }
            object["authRequired"] = .bool(status.state.authRequired)
            object["consecutiveFailures"] = .number(Double(status.state.consecutiveFailures))
            object["lastError"] = .string(status.state.lastFailureReason)
            return .object(object)
        })
    }
}
