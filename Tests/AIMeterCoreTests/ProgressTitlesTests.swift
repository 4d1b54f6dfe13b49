import Testing

@testable import AIMeterCore

@Suite("Description enrichment")
struct ProgressTitlesTests {
    func desc(_ desc: String?, window: Double?, name: String = "Item", provider: ProviderType = .claude) -> String {
        ProgressTitles.enrichedDesc(for: ProgressItem(name: name, desc: desc, usedPercent: 1, windowMinutes: window), provider: provider)
    }

    @Test("a window replaces an empty or window-shaped description")
    func windowWins() {
        #expect(desc(nil, window: 300) == "5 hours window")
        #expect(desc("  ", window: 300) == "5 hours window")
        #expect(desc("7 days window", window: 10080) == "1 week window")
        #expect(desc("30 days window", window: 43200) == "1 month window")
        #expect(desc("7 days window for Opus", window: 10080) == "1 week window for Opus")
        #expect(desc("5 HOURS Window for GPT-5", window: 300) == "5 hours window for GPT-5")
    }

    @Test("other descriptions are kept")
    func keepsText() {
        #expect(desc("Resets weekly", window: 10080) == "Resets weekly")
        #expect(desc("total window", window: nil) == "total window")
    }

    @Test("per-provider titles apply only without a window and a description")
    func fallbacks() {
        #expect(desc(nil, window: nil, name: "Session", provider: .claude) == "Session quota window")
        #expect(desc(nil, window: nil, name: " weekly ", provider: .ollama) == "Weekly quota window")
        #expect(desc(nil, window: nil, name: "Daily  Credits", provider: .openrouter) == "1 day window")
        #expect(desc(nil, window: nil, name: "Weekly Credits", provider: .openrouter) == "7 days window")
        #expect(desc(nil, window: nil, name: "Monthly Credits", provider: .openrouter) == "30 days window")
        #expect(desc(nil, window: nil, name: "Credits", provider: .openrouter) == "total window")
        #expect(desc(nil, window: nil, name: "Primary", provider: .kimi) == "Primary quota window")
        #expect(desc(nil, window: nil, name: "Session", provider: .codex) == "")
    }
}
