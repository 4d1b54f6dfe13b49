import Synchronization

/// Remembers, per provider id, the Cloud Code base URL that last answered, so the next fetch
/// tries it first. Lives as long as the adapter (the process), like AIMeter's in-memory value.
final class PreferredBaseMemory: Sendable {
    private let bases = Mutex<[String: String]>([:])

    /// Creates an empty memory.
    init() {}

    /// The remembered base for `providerId`.
    func base(for providerId: String) -> String? {
        bases.withLock { $0[providerId] }
    }

    /// Remembers `base` for `providerId`.
    func remember(_ base: String, for providerId: String) {
        bases.withLock { $0[providerId] = base }
    }

    /// `candidates` with the remembered base (when it is one of them) moved to the front.
    func ordered(_ candidates: [String], for providerId: String) -> [String] {
        guard let preferred = base(for: providerId), candidates.contains(preferred) else { return candidates }
        return [preferred] + candidates.filter { $0 != preferred }
    }
}
