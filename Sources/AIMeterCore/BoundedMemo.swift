import Synchronization

/// Values computed from their key alone (a parsed query string), kept so that repeated requests
/// skip the work. At ``capacity`` distinct keys the table is emptied, so a stream of unique keys
/// (a fuzzer, a hostile client) costs a recomputation, never memory. Callers whose keys come from
/// clients keep large ones out (see ``value(for:remember:compute:)``), so the size stays bounded too.
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The most keys kept at once.
    public let capacity: Int
    private let table = Mutex<[Key: Value]>([:])

    /// Creates an empty memo.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value of `key`: remembered, or from `compute` (called outside the lock). With
    /// `remember` false the value is computed and not kept (a key too large to hold).
    public func value(for key: Key, remember: Bool = true, compute: (Key) -> Value) -> Value {
        guard remember else { return compute(key) }
        if let known = table.withLock({ $0[key] }) { return known }
        let value = compute(key)
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }

    /// How many keys are kept now.
    public var count: Int { table.withLock { $0.count } }
}
