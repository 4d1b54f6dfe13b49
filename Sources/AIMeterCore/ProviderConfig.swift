import Foundation

/// One provider entry of the configuration, fully resolved (env substituted, files read, id derived).
public struct ProviderConfig: Sendable, Equatable {
    /// Public id, `[A-Za-z0-9_-]{1,64}`; given in the config or derived stably from type and name.
    public var id: String
    /// Provider type.
    public var type: ProviderType
    /// Display name.
    public var name: String?
    /// Provider-specific region (`minimax_cn`, `zai_bigmodel_cn`, ...).
    public var region: String?
    /// Minutes between automatic polls; 0 means manual refresh only.
    public var refreshIntervalMinutes: Int
    /// Overrides the upstream origin (tests, corporate proxies, self-hosted relays).
    public var baseURL: String?
    /// Manual plan label.
    public var plan: String?
    /// The credential, when the type needs one.
    public var credentials: Credentials?
    /// Provider-specific settings from the `options:` map, validated by the adapter.
    public var options: [String: JSONValue]
    /// 1-based position in the config file; the display order everywhere.
    public var displayOrder: Int

    /// Creates a provider entry.
    public init(
        id: String,
        type: ProviderType,
        name: String? = nil,
        region: String? = nil,
        refreshIntervalMinutes: Int = 5,
        baseURL: String? = nil,
        plan: String? = nil,
        credentials: Credentials? = nil,
        options: [String: JSONValue] = [:],
        displayOrder: Int = 1
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.region = region
        self.refreshIntervalMinutes = refreshIntervalMinutes
        self.baseURL = baseURL
        self.plan = plan
        self.credentials = credentials
        self.options = options
        self.displayOrder = displayOrder
    }

    /// Whether the scheduler polls this provider by itself.
    public var isScheduled: Bool { refreshIntervalMinutes > 0 }
}
