import Synchronization

/// One value derived from the database (read inputs, a rendered body), kept until the database's
/// data version or the request second changes.
///
/// The version is SQLite's `PRAGMA data_version` (``APIServices/dataVersion()``), read once per
/// request by the caller and handed to every cache that request consults, so a commit by the
/// collector is seen by the next request: a cached value is never staler than the database. The
/// version is read before the value is computed, so a value computed after a concurrent commit is
/// stored under the older version and computed again by the next request, never the other way
/// round. Without a version (an in-memory database) every use computes.
public final class VersionedCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var version: Int64
        var now: Int64
        var value: Value
    }

    private let entry = Mutex<Entry?>(nil)

    /// Creates an empty cache.
    public init() {}

    /// The value at data version `version` and request second `now`: cached, or from `compute`.
    /// A nil version (unknown) always computes.
    public func value(version: Int64?, now: Int64, compute: () throws -> Value) throws -> Value {
        guard let version else { return try compute() }
        if let hit = entry.withLock({ $0 }), hit.version == version, hit.now == now { return hit.value }
        let value = try compute()
        entry.withLock { $0 = Entry(version: version, now: now, value: value) }
        return value
    }
}
