extension ProviderRegistry {
    /// Claude, Codex, Copilot, Cursor.
    static let subscriptionWindowAdapters: [any ProviderAdapter] = [
        ClaudeAdapter(), CodexAdapter(), CopilotAdapter(), CursorAdapter(),
    ]
}
