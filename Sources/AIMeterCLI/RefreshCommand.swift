import AIMeterControl
import AIMeterCore
import ArgumentParser

/// `aimeter refresh [ID...]`: asks the collector for a manual refresh (with AIMeter's
/// protection: data younger than 3 minutes is reused, 60 s cooldown after a failure).
struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Refresh providers now through the collector (all when no id is given)."
    )

    @Argument(help: "Provider ids to refresh (default: all).")
    var ids: [String] = []

    @Flag(name: .long, help: "Print the collector's answer as JSON.")
    var json = false

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try options.load()
        var params = JSONObject()
        if !ids.isEmpty { params["providerIds"] = .array(ids.map { .string($0) }) }
        let result = try await CollectorCall.send(.refresh, params: params, socketPath: config.collector.socket)
        if json {
            print(result.serialized(pretty: true))
            return
        }
        let results = result["results"]?.arrayValue ?? []
        var failed = false
        for entry in results {
            let id = entry["id"]?.stringValue ?? "?"
            let status = entry["status"]?.stringValue ?? "?"
            var line = "\(id): \(status)"
            if let message = entry["fetchError"]?.stringValue ?? entry["message"]?.stringValue { line += " — \(message)" }
            if entry["authRequired"]?.boolValue == true { line += " (re-authentication required)" }
            print(line)
            if status == "failed" { failed = true }
        }
        if failed { throw ExitCode(CLIExitCode.failure) }
    }
}
