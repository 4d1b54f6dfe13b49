import AIMeterCore

/// How `/api/proxy/*` turns a provider's stored items into displayed items.
///
/// Antigravity stores one item per model and AIMeter shows pools (`options.displayMode`,
/// `options.poolConfig`); the grouping rule is ``AntigravityPools`` in AIMeterCore, so the API
/// does not link the provider adapters (nor libcurl). Tests inject other transformations.
public struct DisplayItems: Sendable {
    /// The display transformation: `(type, stored items, provider options) -> items`.
    public var transform: @Sendable (ProviderType, [ProgressItem], [String: JSONValue]) -> [ProgressItem]

    /// Creates a transformation.
    public init(transform: @escaping @Sendable (ProviderType, [ProgressItem], [String: JSONValue]) -> [ProgressItem]) {
        self.transform = transform
    }

    /// Items exactly as stored.
    public static let stored = DisplayItems { _, items, _ in items }
}

extension DisplayItems {
    /// AIMeter's Antigravity pool/model display (`options.displayMode`, `options.poolConfig`);
    /// every other provider's items are shown as stored.
    public static let antigravityPools = DisplayItems { type, items, options in
        type == .antigravity ? AntigravityPools.pool(items: items, options: options) : items
    }
}
