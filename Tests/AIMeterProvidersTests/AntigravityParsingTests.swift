import AIMeterCore
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Antigravity parsing")
struct AntigravityParsingTests {
    typealias H = AgentWindowsHarness

    @Test func modelsBecomeSortedItemsAndExhaustedModelsAreKept() throws {
        let items = try AntigravityModelsParser.items(from: JSONReader(try H.json("antigravity/fetch-available-models.json")))
        let expected = [
            // No remainingFraction (proto3 omits 0): exhausted, not dropped as in AIMeter.
            ProgressItem(name: "Claude Opus 4.6 (Thinking)", usedPercent: 100, remainingPercent: 0, used: 100, limit: 100,
                         windowMinutes: 300, resetsAt: try H.unix("2026-03-08T13:15:00Z")),
            // Epoch milliseconds reset.
            ProgressItem(name: "Claude Sonnet 4.6", usedPercent: 80, remainingPercent: 20, used: 80, limit: 100,
                         windowMinutes: 300, resetsAt: 1_772_985_600),
            ProgressItem(name: "Gemini 2.5 Flash", usedPercent: 7.5, remainingPercent: 92.5, used: 7.5, limit: 100,
                         windowMinutes: 300, resetsAt: try H.unix("2026-03-08T14:00:00Z")),
            ProgressItem(name: "Gemini 3 Pro (High)", usedPercent: 40, remainingPercent: 60, used: 40, limit: 100,
                         windowMinutes: 300, resetsAt: try H.unix("2026-03-08T14:00:00Z")),
            // No displayName: the `model` field names it.
            ProgressItem(name: "MODEL_OPENAI_GPT_OSS_120B_MEDIUM", usedPercent: 66.67, remainingPercent: 33.33, used: 66.67,
                         limit: 100, windowMinutes: 300, resetsAt: try H.unix("2026-03-08T13:15:00Z")),
        ]
        #expect(items == expected)
    }

    @Test func nullFractionIsExhaustedButAMissingQuotaInfoIsSkipped() throws {
        let json = try JSONValue.parse(#"{"models":{"a":{"displayName":"A","quotaInfo":{"remainingFraction":null}},"b":{"displayName":"B"}}}"#)
        let items = try AntigravityModelsParser.items(from: JSONReader(json))
        #expect(items.map(\.name) == ["A"])
        #expect(items.first?.usedPercent == 100)
        #expect(items.first?.resetsAt == nil)
    }

    @Test func fractionsAreClampedToZeroAndOne() throws {
        let json = try JSONValue.parse(#"{"models":{"a":{"displayName":"A","quotaInfo":{"remainingFraction":1.4}},"b":{"displayName":"B","quotaInfo":{"remainingFraction":-0.2}}}}"#)
        let items = try AntigravityModelsParser.items(from: JSONReader(json))
        #expect(items.map(\.usedPercent) == [0, 100])
    }

    @Test func aNonNumericFractionNamesItsPath() throws {
        let json = try H.json("antigravity/fetch-available-models.bad-fraction.json")
        #expect(throws: ProviderError.decoding(path: "models.gemini-3-pro-high.quotaInfo.remainingFraction", message: "expected a number, found a string")) {
            try AntigravityModelsParser.items(from: JSONReader(json))
        }
    }

    @Test func noUsableModelIsAnUpstreamError() throws {
        let json = try H.json("antigravity/fetch-available-models.empty.json")
        #expect(throws: ProviderError.upstreamError("No model quota data returned by Antigravity")) {
            try AntigravityModelsParser.items(from: JSONReader(json))
        }
        #expect(throws: ProviderError.decoding(path: "models", message: "expected an object, found missing")) {
            try AntigravityModelsParser.items(from: JSONReader(try JSONValue.parse("{}")))
        }
    }

    @Test func loadCodeAssistGivesProjectPlanAndOnboardingTier() throws {
        let paid = CodeAssistLoadInfo(json: try H.json("antigravity/load-code-assist.json"))
        #expect(paid.projectId == "quiet-meadow-7p3qz")
        #expect(paid.plan == "Google AI Ultra")
        #expect(paid.onboardingTierId == "g1-ultra-tier")

        let fresh = CodeAssistLoadInfo(json: try H.json("antigravity/load-code-assist.no-project.json"))
        #expect(fresh.projectId == nil)
        #expect(fresh.plan == "Gemini Code Assist for individuals")
        #expect(fresh.onboardingTierId == "free-tier")

        let bare = CodeAssistLoadInfo(json: try JSONValue.parse(#"{"currentTier":"legacy-tier","cloudaicompanionProject":{"id":"p-1"}}"#))
        #expect(bare.plan == "legacy-tier")
        #expect(bare.projectId == "p-1")

        #expect(CodeAssistLoadInfo.onboardedProject(in: try H.json("antigravity/onboard-user.json")) == "amber-orbit-2r8vd")
    }

    @Test func validateChecksCredentialKindAndOptions() {
        let adapter = AntigravityAdapter()
        let good = H.config(.antigravity, credentials: .oauth(H.googleTokens()), options: ["displayMode": "models", "tokenUrl": "https://example.test/token"])
        #expect(adapter.validate(good).isEmpty)

        let wrong = H.config(.antigravity, credentials: .cookie("a=b"), options: ["colour": "blue", "displayMode": "grid", "tokenUrl": "ftp://x"])
        #expect(adapter.validate(wrong) == [
            "credentials.type: cookie is not supported by provider antigravity; use oauth",
            "options.colour: unknown option for provider antigravity",
            "options.displayMode: must be one of pool, models",
            "options.tokenUrl: must be an http(s) URL",
        ])
        #expect(adapter.validate(H.config(.antigravity, credentials: nil)) == ["credentials: required for provider antigravity (oauth)"])
    }
}
