import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct ConnectionSettingsTests {
    @Test func readersMapTheFileAndTheWriterDoesNot() throws {
        let fixture = try StoreFixture()
        let reader = try AppDatabase.openReader(path: fixture.path)
        let mapped = try reader.dbWriter.read { try Int.fetchOne($0, sql: "PRAGMA mmap_size") }
        // SQLite may lower the request to its compile-time ceiling, never to nothing.
        #expect((mapped ?? 0) > 0 && (mapped ?? 0) <= AppDatabase.readerMmapBytes)
        let writer = try fixture.database.dbWriter.write { try Int.fetchOne($0, sql: "PRAGMA mmap_size") }
        #expect(writer == 0)
    }
}
