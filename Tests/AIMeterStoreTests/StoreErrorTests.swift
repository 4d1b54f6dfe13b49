import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct StoreErrorTests {
    @Test func briefDescriptionsKeepSQLitesReasonAndDropTheStatement() throws {
        let fixture = try StoreFixture()
        let impatient = try AppDatabase.openWriter(path: fixture.path, busyTimeoutSeconds: 0.05)
        // A second writer, outside the design, holds the write lock.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let intruder = try DatabaseQueue(path: fixture.path, configuration: configuration)
        try intruder.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? intruder.inDatabase { try $0.execute(sql: "ROLLBACK") } }

        let error = #expect(throws: DatabaseError.self) {
            try impatient.setSetting(.endpointSecret, to: "0123456789abcdef", at: Date())
        }
        let full = String(describing: try #require(error))
        let brief = StoreError.brief(try #require(error))
        #expect(brief == "SQLite error 5: database is locked")
        // GRDB's own description carries the statement; the brief one never does.
        #expect(full.contains("while executing `BEGIN") && !brief.contains("executing"))
        #expect(!full.contains("0123456789abcdef"))
        // The store's own errors are described as they are.
        #expect(StoreError.brief(StoreError.schemaNotReady) == StoreError.schemaNotReady.description)
    }
}
