import AIMeterStore
import Synchronization

/// One value derived from the database (read inputs, a rendered body), kept until the database's
/// data version or the request second changes.
///
/// The ``DataVersionProbe`` is asked on every use, so a commit by the collector is seen by the
/// next request: a cached value is never staler than the database. The version is read before
/// the value is computed, so a value computed after a concurrent commit is stored under the older
/// version and computed again by the next request, never the other way round. Without a probe
/// (an in-memory database) every use computes.
public final class VersionedCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var version: Int64
        var now: Int64
        var value: Value
    }

    private let probe: DataVersionProbe?
    private let entry = Mutex<Entry?>(nil)

    /// Creates a cache that asks `probe` whether the database changed.
    public init(probe: DataVersionProbe?) {
        self.probe = probe
    }

    /// The value at request second `now`: cached, or from `compute`.
    public func value(now: Int64, compute: () throws -> Value) throws -> Value {
        guard let probe else { return try compute() }
        let version = try probe.current()
        if let hit = entry.withLock({ $0 }), hit.version == version, hit.now == now { return hit.value }
        let value = try compute()
        entry.withLock { $0 = Entry(version: version, now: now, value: value) }
        return value
    }
}
