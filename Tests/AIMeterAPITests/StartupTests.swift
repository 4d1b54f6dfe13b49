import AIMeterStore
import Foundation
import GRDB
import Testing

@testable import AIMeterAPI

@Suite struct StartupTests {
    static func temporaryDirectory() throws -> URL {
        let directory = URL(fileURLWithPath: "/tmp/aimeter-api-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func argumentsParse() throws {
        #expect(try APICommand.parse([]).get() == .serve(configPath: nil))
        #expect(try APICommand.parse(["--config", "/etc/a.yaml"]).get() == .serve(configPath: "/etc/a.yaml"))
        #expect(try APICommand.parse(["--config=/x.yaml"]).get() == .serve(configPath: "/x.yaml"))
        #expect(try APICommand.parse(["--version"]).get() == .version)
        #expect(try APICommand.parse(["--config", "a", "--help"]).get() == .help)
        #expect(throws: APICommand.ArgumentError.self) { try APICommand.parse(["--config"]).get() }
        #expect(throws: APICommand.ArgumentError.self) { try APICommand.parse(["--port", "1"]).get() }
    }

    @Test func badConfigurationExits78AndBadArguments64() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.yaml").path
        try "server:\n  port: 99999\n  colour: blue\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(await APICommand.run(arguments: ["--config", path], environment: [:]) == 78)
        #expect(await APICommand.run(arguments: ["--config", directory.appendingPathComponent("missing.yaml").path], environment: [:]) == 78)
        #expect(await APICommand.run(arguments: ["--bogus"], environment: [:]) == 64)
        #expect(await APICommand.run(arguments: ["--version"], environment: [:]) == 0)
    }

    @Test func openerWaitsForTheCollectorToCreateTheDatabase() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("late.db").path
        async let opened = DatabaseOpener.open(path: path, waitSeconds: 10, pollInterval: 0.05)
        try await Task.sleep(for: .milliseconds(200))
        _ = try AppDatabase.openWriter(path: path)
        let database = try await opened
        #expect(try database.schemaVersion().isEmpty == false)
    }

    @Test func openerGivesUpWithAClearMessage() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("never.db").path
        do {
            _ = try await DatabaseOpener.open(path: path, waitSeconds: 0.2, pollInterval: 0.05)
            Issue.record("opened a database that does not exist")
        } catch let failure as DatabaseOpener.Failure {
            #expect(failure.description.contains("start aimeter-collector"))
        }
    }

    @Test func openerRefusesASchemaFromTheFuture() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("future.db").path
        _ = try AppDatabase.openWriter(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')") }
        try queue.close()
        let started = ContinuousClock.now
        do {
            _ = try await DatabaseOpener.open(path: path, waitSeconds: 30, pollInterval: 0.05)
            Issue.record("opened a database with an unknown migration")
        } catch let failure as DatabaseOpener.Failure {
            #expect(failure.description.contains("newer aimeter"))
        }
        // It fails at once instead of waiting out the 30 s.
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
