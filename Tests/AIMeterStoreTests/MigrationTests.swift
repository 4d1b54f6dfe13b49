import AIMeterTestSupport
import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct MigrationTests {
    @Test func migratesAnEmptyFileAndCreatesItsDirectory() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.database.schemaVersion() == "v1")
        #expect(FileManager.default.fileExists(atPath: fixture.path))
        let tables = try fixture.database.dbWriter.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["credential", "fetchState", "item", "itemLayout", "poll", "provider", "setting"] {
            #expect(tables.contains(table))
        }
    }

    @Test func usesWALWithPersistentWALFiles() throws {
        let directory = try TemporaryDirectory(prefix: "store")
        let path = directory.path("aimeter.db")
        do {
            let database = try AppDatabase.openWriter(path: path)
            let mode = try database.dbWriter.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            let foreignKeys = try database.dbWriter.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") }
            #expect(foreignKeys == true)
        }
        // The pool is closed: without persistent WAL, SQLite would have deleted these files.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        let reader = try AppDatabase.openReader(path: path)
        #expect(try reader.schemaVersion() == "v1")
    }

    @Test func reopeningIsIdempotent() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.append("a", at: 100, [("Session", 10)])
        let reopened = try AppDatabase.openWriter(path: fixture.path)
        #expect(try reopened.schemaVersion() == "v1")
        #expect(try reopened.latestSnapshot(providerId: "a")?.items.first?.usedPercent == 10)
        let applied = try reopened.dbWriter.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") }
        #expect(applied == 1)
    }

    @Test func readerRefusesAMissingDatabase() throws {
        let directory = try TemporaryDirectory(prefix: "store")
        let path = directory.path("absent.db")
        #expect(throws: StoreError.missingDatabase(path)) { try AppDatabase.openReader(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readerRefusesADatabaseBeforeMigration() throws {
        let directory = try TemporaryDirectory(prefix: "store")
        let path = directory.path("blank.db")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE unrelated (x INTEGER)") }
        try queue.close()
        #expect(throws: StoreError.schemaNotReady) { try AppDatabase.openReader(path: path) }
    }

    @Test func readerAndWriterRefuseANewerSchema() throws {
        let fixture = try StoreFixture()
        try fixture.database.dbWriter.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        #expect(throws: StoreError.schemaTooNew(["v9-from-the-future"])) { try AppDatabase.openReader(path: fixture.path) }
        #expect(throws: StoreError.schemaTooNew(["v9-from-the-future"])) { try AppDatabase.openWriter(path: fixture.path) }
    }

    @Test func readerCannotWrite() throws {
        let fixture = try StoreFixture()
        let reader = try AppDatabase.openReader(path: fixture.path)
        #expect(throws: (any Error).self) { try reader.setSetting(.cronSecret, to: "x", at: Date()) }
        #expect(try fixture.database.setting(.cronSecret) == nil)
    }

    @Test func errorDescriptionsNameTheProblem() {
        #expect(StoreError.missingDatabase("/x/y.db").description.contains("/x/y.db"))
        #expect(StoreError.schemaTooNew(["v2"]).description.contains("v2"))
        #expect(StoreError.credentialUnreadable(providerId: "p1").description.contains("p1"))
    }
}
