extension ProviderRegistry {
    /// AceData, codex-proxy, custom.
    static let relayAdapters: [any ProviderAdapter] = [AceDataAdapter(), CodexProxyAdapter(), CustomAdapter()]
}
