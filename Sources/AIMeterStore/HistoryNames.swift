import AIMeterCore
import GRDB

/// The `k` list of a series under construction, and each layout's positions mapped into it.
struct HistoryNames {
    /// Names in first-seen order.
    private(set) var ordered: [String] = []
    /// The most items of any layout looked up so far.
    private(set) var widestLayout = 0
    private var indexByName: [String: Int] = [:]
    private var indexesByLayout: [Int64: [Int]] = [:]

    /// Appends the layout's names not seen yet, in position order.
    mutating func add(layout: Int64, _ db: Database) throws {
        _ = try indexes(ofLayout: layout, db)
    }

    /// For each position of the layout, the index of its name in ``ordered`` (adding new names).
    mutating func indexes(ofLayout layout: Int64, _ db: Database) throws -> [Int] {
        if let known = indexesByLayout[layout] { return known }
        let text = try String.fetchOne(db, sql: "SELECT names FROM itemLayout WHERE id = ?", arguments: [layout])
        guard let text, let array = (try? JSONValue.parse(text))?.arrayValue else {
            throw StoreError.corruptRow("item layout \(layout) is missing or not a JSON array")
        }
        let indexes = array.map { value -> Int in
            let name = value.stringValue ?? ""
            if let index = indexByName[name] { return index }
            ordered.append(name)
            indexByName[name] = ordered.count - 1
            return ordered.count - 1
        }
        indexesByLayout[layout] = indexes
        widestLayout = max(widestLayout, indexes.count)
        return indexes
    }
}
