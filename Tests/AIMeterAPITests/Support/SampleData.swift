import AIMeterCore
import Foundation

/// Providers and items the API tests seed; values are the project's own.
enum SampleData {
    static let claude = ProviderConfig(
        id: "prov_claude", type: .claude, name: "My Claude", refreshIntervalMinutes: 5, plan: "Max",
        credentials: .oauth(OAuthTokens(accessToken: "sk-ant-secret-token", refreshToken: "refresh-secret")),
        displayOrder: 1)
    static let kimi = ProviderConfig(
        id: "prov_kimi", type: .kimi, refreshIntervalMinutes: 10, credentials: .cookie("kimi-cookie-secret"),
        displayOrder: 2)
    static let minimax = ProviderConfig(
        id: "prov_minimax", type: .minimax, name: "MiniMax CN", region: "minimax_cn", refreshIntervalMinutes: 0,
        credentials: .apiKey("mm-secret-key"), displayOrder: 3)
    static let openrouter = ProviderConfig(
        id: "prov_or", type: .openrouter, name: "Router", refreshIntervalMinutes: 15, credentials: .apiKey("or-key"),
        displayOrder: 4)

    static let all = [claude, kimi, minimax, openrouter]

    static let claudeItems = [
        ProgressItem(
            name: "Session", usedPercent: 45.5, remainingPercent: 54.5, used: 225, limit: 500, windowMinutes: 300,
            resetsAt: 1_741_910_400, resetDescription: "Resets in 5h"),
        ProgressItem(name: "Weekly", desc: "7 days window for Opus", usedPercent: 12.25, windowMinutes: 10080),
    ]

    static let minimaxItems = [
        ProgressItem(name: "Prompt", usedPercent: 10, remainingPercent: 90, used: 4, limit: 40, windowMinutes: 300)
    ]

    static let openrouterItems = [ProgressItem(name: "Daily Credits", usedPercent: 33.3)]

    static let claudeCost = Cost(used: 12.5, limit: 100, remaining: 87.5, currency: "USD", period: "monthly")
}
