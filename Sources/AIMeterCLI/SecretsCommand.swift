import AIMeterConfig
import AIMeterControl
import AIMeterCore
import AIMeterStore
import ArgumentParser

/// `aimeter secrets [show|rotate endpoint|cron]`: the integration secrets for the export,
/// metrics and cron routes.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Show the endpoint and cron secrets, or rotate one through the collector.",
        subcommands: [Show.self, Rotate.self],
        defaultSubcommand: Show.self
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the endpoint and cron secrets.")

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        @OptionGroup var options: ConfigOption

        func run() throws {
            let config = try options.load()
            let database = try StatusReader.openDatabase(config)
            let endpoint = try config.auth.endpointSecret ?? database.setting(.endpointSecret)
            let cron = try config.auth.cronSecret ?? database.setting(.cronSecret)
            if json {
                let value: JSONValue = ["endpointSecret": .string(endpoint), "cronSecret": .string(cron)]
                print(value.serialized(pretty: true))
            } else {
                print("endpoint secret: \(endpoint ?? "(not generated yet)")\(config.auth.endpointSecret == nil ? "" : "  (from config)")")
                print("cron secret:     \(cron ?? "(not generated yet)")\(config.auth.cronSecret == nil ? "" : "  (from config)")")
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate a new endpoint or cron secret; the old one stops working at once.")

        enum Which: String, ExpressibleByArgument, CaseIterable {
            case endpoint, cron
        }

        @Argument(help: "Which secret: endpoint or cron.")
        var which: Which

        @OptionGroup var options: ConfigOption

        func run() async throws {
            let config = try options.load()
            var params = JSONObject()
            params["which"] = .string(which.rawValue)
            let result = try await CollectorCall.send(.rotateSecret, params: params, socketPath: config.collector.socket)
            print(result["value"]?.stringValue ?? "")
        }
    }
}
