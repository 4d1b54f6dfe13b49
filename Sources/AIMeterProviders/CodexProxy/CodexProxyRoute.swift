import Synchronization

/// The quota routes of the codex-proxy versions aimeter knows.
enum CodexProxyRoute: String, Sendable, CaseIterable {
    /// 1.2.x: the one configured account.
    case accountQuota = "/account/quota"
    /// 1.1.x: the active account, or `?email=` for another one.
    case accountsQuota = "/accounts/quota"
    /// 1.1.x: the cached quota of every account.
    case accountsQuotaAll = "/accounts/quota/all"

    /// Whether the answer lists several accounts (`{"accounts": [{email, quota}]}`).
    var listsAllAccounts: Bool { self == .accountsQuotaAll }

    /// The codex-proxy release line that serves this route, for messages and docs.
    var version: String { self == .accountQuota ? "1.2.x" : "1.1.x" }

    /// Routes to try, in order. 1.2.x has a single account, so "all accounts" falls back to it.
    static func candidates(allAccounts: Bool) -> [CodexProxyRoute] {
        allAccounts ? [.accountsQuotaAll, .accountQuota] : [.accountQuota, .accountsQuota]
    }
}

/// Remembers which route answered for each provider entry (id, origin and mode), so later
/// polls send one request instead of probing. Lives as long as the adapter.
final class CodexProxyRouteMemory: Sendable {
    private let routes = Mutex<[String: CodexProxyRoute]>([:])

    /// Creates an empty memory.
    init() {}

    /// The remembered route for `key`.
    func route(for key: String) -> CodexProxyRoute? {
        routes.withLock { $0[key] }
    }

    /// Remembers `route` for `key`.
    func remember(_ route: CodexProxyRoute, for key: String) {
        routes.withLock { $0[key] = route }
    }

    /// `candidates` with the remembered route (when it is one of them) first.
    func ordered(_ candidates: [CodexProxyRoute], for key: String) -> [CodexProxyRoute] {
        guard let known = route(for: key), candidates.contains(known) else { return candidates }
        return [known] + candidates.filter { $0 != known }
    }
}
