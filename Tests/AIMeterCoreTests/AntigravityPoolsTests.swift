import AIMeterCore
import Foundation
import Testing

@Suite("Antigravity pools")
struct AntigravityPoolsTests {
    static let items = [
        ProgressItem(name: "Claude Opus 4.6 (Thinking)", usedPercent: 100, remainingPercent: 0, used: 100, limit: 100, windowMinutes: 300, resetsAt: 10),
        ProgressItem(name: "Claude Sonnet 4.6", usedPercent: 80, remainingPercent: 20, used: 80, limit: 100, windowMinutes: 300, resetsAt: 20),
        ProgressItem(name: "Gemini 2.5 Flash", usedPercent: 7.5, remainingPercent: 92.5, used: 7.5, limit: 100, windowMinutes: 300, resetsAt: 30),
        ProgressItem(name: "Gemini 3 Pro (High)", usedPercent: 40, remainingPercent: 60, used: 40, limit: 100, windowMinutes: 300, resetsAt: 40),
        ProgressItem(name: "MODEL_OPENAI_GPT_OSS_120B_MEDIUM", usedPercent: 66.67, remainingPercent: 33.33, used: 66.67, limit: 100, windowMinutes: 300, resetsAt: 50),
    ]

    @Test func defaultPoolsKeepTheMostUsedModel() {
        let pooled = AntigravityPools.pool(items: Self.items, options: [:])
        #expect(pooled == [
            ProgressItem(name: "Claude", usedPercent: 100, remainingPercent: 0, used: 100, limit: 100, windowMinutes: 300, resetsAt: 10),
            ProgressItem(name: "Gemini Pro", usedPercent: 40, remainingPercent: 60, used: 40, limit: 100, windowMinutes: 300, resetsAt: 40),
            ProgressItem(name: "Gemini Flash", usedPercent: 7.5, remainingPercent: 92.5, used: 7.5, limit: 100, windowMinutes: 300, resetsAt: 30),
        ])
    }

    @Test func configuredPoolsMatchSubstringsAndSortAfterTheBuiltInOnes() {
        let options: [String: JSONValue] = ["displayMode": "pool", "poolConfig": ["GPT": ["  OpenAI ", ""], "Anthropic": ["sonnet"], "Empty": []]]
        let pooled = AntigravityPools.pool(items: Self.items, options: options)
        #expect(pooled.map(\.name) == ["Claude", "Gemini Pro", "Gemini Flash", "Anthropic", "GPT"])
        #expect(pooled.map(\.usedPercent) == [100, 40, 7.5, 80, 66.67])
    }

    @Test func modelsModeShowsItemsAsStored() {
        #expect(AntigravityPools.pool(items: Self.items, options: ["displayMode": "models"]) == Self.items)
    }

    @Test func missingRemainingIsDerivedAndUsedBecomesThePercent() {
        let item = ProgressItem(name: "gemini flash lite", usedPercent: 120)
        let pooled = AntigravityPools.pool(items: [item], options: [:])
        #expect(pooled == [ProgressItem(name: "Gemini Flash", usedPercent: 120, remainingPercent: 0, used: 120, limit: 100)])
    }

    @Test func optionProblemsNameTheKey() {
        #expect(AntigravityPools.problems(options: ["poolConfig": ["A": ["x"]], "displayMode": "models"]).isEmpty)
        #expect(AntigravityPools.problems(options: ["poolConfig": "claude"]) == [
            "options.poolConfig: must be a map of pool name to a list of name substrings",
        ])
        #expect(AntigravityPools.problems(options: ["poolConfig": ["A": [1], "B": []], "displayMode": 3]) == [
            "options.displayMode: must be one of pool, models",
            "options.poolConfig.A: must be a non-empty list of non-empty strings",
            "options.poolConfig.B: must be a non-empty list of non-empty strings",
        ])
    }
}
