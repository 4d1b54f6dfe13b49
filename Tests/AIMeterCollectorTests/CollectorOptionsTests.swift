import Testing

@testable import AIMeterCollector

@Suite struct CollectorOptionsTests {
    @Test func parsesConfigPathInBothForms() throws {
        #expect(try CollectorOptions.parse(["--config", "/etc/x.yaml"]) == CollectorOptions(configPath: "/etc/x.yaml"))
        #expect(try CollectorOptions.parse(["--config=/tmp/c.yaml"]) == CollectorOptions(configPath: "/tmp/c.yaml"))
        #expect(try CollectorOptions.parse([]) == CollectorOptions())
    }

    @Test func helpAndVersion() throws {
        #expect(try CollectorOptions.parse(["--version"]).action == .version)
        #expect(try CollectorOptions.parse(["--version", "--help"]).action == .help)
        #expect(try CollectorOptions.parse(["-h"]).action == .help)
    }

    @Test func rejectsUnknownArgumentsAndMissingPaths() {
        #expect(throws: CollectorUsageError(message: "unknown argument --verbose")) { try CollectorOptions.parse(["--verbose"]) }
        #expect(throws: CollectorUsageError(message: "--config needs a path")) { try CollectorOptions.parse(["--config"]) }
        #expect(throws: CollectorUsageError(message: "--config needs a path")) { try CollectorOptions.parse(["--config="]) }
    }
}
