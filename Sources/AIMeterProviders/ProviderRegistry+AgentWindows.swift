extension ProviderRegistry {
    /// Antigravity, Gemini CLI, OpenCode, Ollama.
    static let agentWindowAdapters: [any ProviderAdapter] = [
        AntigravityAdapter(), GeminiAdapter(), OpenCodeAdapter(), OllamaAdapter(),
    ]
}
