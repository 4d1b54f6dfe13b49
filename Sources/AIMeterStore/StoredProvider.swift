import AIMeterCore

/// A provider as the database mirrors it from the config: everything but the credential.
public struct StoredProvider: Sendable, Equatable {
    /// Public id.
    public var id: String
    /// Provider type.
    public var type: ProviderType
    /// Display name.
    public var name: String?
    /// Provider-specific region.
    public var region: String?
    /// Minutes between automatic polls; 0 means manual refresh only.
    public var refreshIntervalMinutes: Int
    /// 1-based display position.
    public var displayOrder: Int
    /// Manual plan label from the config.
    public var plan: String?
    /// Provider-specific options from the config.
    public var options: [String: JSONValue]
    /// The configured credential's kind (`api_key`, `cookie`, `jwt`, `oauth`), never its value.
    public var credentialKind: String?

    /// Creates a stored provider.
    public init(
        id: String, type: ProviderType, name: String? = nil, region: String? = nil,
        refreshIntervalMinutes: Int = 5, displayOrder: Int = 1, plan: String? = nil,
        options: [String: JSONValue] = [:], credentialKind: String? = nil
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.region = region
        self.refreshIntervalMinutes = refreshIntervalMinutes
        self.displayOrder = displayOrder
        self.plan = plan
        self.options = options
        self.credentialKind = credentialKind
    }

    /// The mirror of a config entry.
    public init(_ config: ProviderConfig) {
        self.init(
            id: config.id, type: config.type, name: config.name, region: config.region,
            refreshIntervalMinutes: config.refreshIntervalMinutes, displayOrder: config.displayOrder,
            plan: config.plan, options: config.options, credentialKind: config.credentials?.kind)
    }
}
