extension ProviderRegistry {
    /// Kimi, MiniMax, z.ai, OpenRouter, Aliyun, DeepSeek, Moonshot.
    static let keyAndBalanceAdapters: [any ProviderAdapter] = [
        KimiAdapter(), MiniMaxAdapter(), ZaiAdapter(), OpenRouterAdapter(), AliyunAdapter(), DeepSeekAdapter(),
        MoonshotAdapter(),
    ]
}
