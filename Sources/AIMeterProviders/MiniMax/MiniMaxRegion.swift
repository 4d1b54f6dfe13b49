/// Which MiniMax site an account lives on. The region only selects hosts; the API is the same.
enum MiniMaxRegion: String, Sendable, CaseIterable {
    /// minimax.io (international).
    case global
    /// minimaxi.com (mainland China).
    case cn

    /// The `region` values accepted in the config, lower-cased.
    static let acceptedValues: [String: MiniMaxRegion] = [
        "minimax_global": .global, "global": .global, "minimax_cn": .cn, "cn": .cn,
    ]

    /// The region of a config value: absent or blank is global; unknown values give nil
    /// (``MiniMaxAdapter/validate(_:)`` reports them, so AIMeter's silent fallback of `china`
    /// to global cannot happen here).
    static func resolve(_ value: String?) -> MiniMaxRegion? {
        guard let text = value?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return .global }
        return acceptedValues[text]
    }

    /// Origin of the OpenAPI host that answers API-key requests.
    var apiOrigin: String {
        switch self {
        case .global: "https://api.minimax.io"
        case .cn: "https://api.minimaxi.com"
        }
    }

    /// Origin of the web platform (cookie requests, the Coding Plan page).
    var platformOrigin: String {
        switch self {
        case .global: "https://platform.minimax.io"
        case .cn: "https://platform.minimaxi.com"
        }
    }
}
