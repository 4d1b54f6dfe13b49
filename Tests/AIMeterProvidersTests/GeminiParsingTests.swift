import AIMeterCore
@testable import AIMeterProviders
import AIMeterTestSupport
import Foundation
import Testing

@Suite("Gemini CLI parsing")
struct GeminiParsingTests {
    typealias H = AgentWindowsHarness

    @Test func bucketsBecomeOneDailyItemPerModel() throws {
        let items = try GeminiQuotaParser.items(from: JSONReader(try H.json("gemini/retrieve-user-quota.json")))
        let midnight = try H.unix("2026-03-09T00:00:00Z")
        #expect(items == [
            ProgressItem(name: "gemini-2.5-flash", usedPercent: 1.5, remainingPercent: 98.5, windowMinutes: 1440, resetsAt: midnight),
            // No fraction and no amount: exhausted (proto3 omits zeros).
            ProgressItem(name: "gemini-2.5-flash-lite", usedPercent: 100, remainingPercent: 0, windowMinutes: 1440, resetsAt: midnight),
            // The lowest of its two buckets (REQUESTS 0.74 vs INPUT_TOKENS 0.9).
            ProgressItem(name: "gemini-2.5-pro", usedPercent: 26, remainingPercent: 74, windowMinutes: 1440, resetsAt: midnight),
            ProgressItem(name: "gemini-3-pro-preview", usedPercent: 98.75, remainingPercent: 1.25, windowMinutes: 1440,
                         resetsAt: try H.unix("2026-03-08T19:30:00Z")),
        ])
    }

    @Test func noBucketsIsAnUpstreamError() throws {
        #expect(throws: ProviderError.upstreamError("No quota buckets returned by Gemini Code Assist")) {
            try GeminiQuotaParser.items(from: JSONReader(try H.json("gemini/retrieve-user-quota.empty.json")))
        }
    }

    @Test func wrongTypesNameTheirPath() throws {
        #expect(throws: ProviderError.decoding(path: "buckets[1].remainingFraction", message: "expected a number, found a boolean")) {
            try GeminiQuotaParser.items(from: JSONReader(try H.json("gemini/retrieve-user-quota.bad-bucket.json")))
        }
        #expect(throws: ProviderError.decoding(path: "buckets", message: "expected an array, found an object")) {
            try GeminiQuotaParser.items(from: JSONReader(try JSONValue.parse(#"{"buckets":{}}"#)))
        }
        #expect(throws: ProviderError.decoding(path: "buckets[0]", message: "expected an object, found a string")) {
            try GeminiQuotaParser.items(from: JSONReader(try JSONValue.parse(#"{"buckets":["x"]}"#)))
        }
    }

    @Test func planAndProjectComeFromLoadCodeAssist() throws {
        let standard = CodeAssistLoadInfo(json: try H.json("gemini/load-code-assist.json"))
        #expect(standard.plan == "Gemini Code Assist")
        #expect(standard.projectId == "bright-canyon-5k1ws")
        let free = CodeAssistLoadInfo(json: try H.json("gemini/load-code-assist.free.json"))
        #expect(free.plan == "Gemini Code Assist for individuals")
        #expect(free.projectId == "lucid-river-9x2hp")
    }

    @Test func validateChecksCredentialKindAndOptions() {
        let adapter = GeminiAdapter()
        #expect(adapter.validate(H.config(.gemini, credentials: .oauth(H.googleTokens()), options: ["projectId": "p"])).isEmpty)
        #expect(adapter.validate(H.config(.gemini, credentials: .apiKey("k"), options: ["projectId": "", "region": "eu"])) == [
            "credentials.type: api_key is not supported by provider gemini; use oauth",
            "options.region: unknown option for provider gemini",
            "options.projectId: must be a non-empty string",
        ])
        #expect(adapter.validate(H.config(.gemini, credentials: .oauth(OAuthTokens(accessToken: " ")))) == [
            "credentials.accessToken: must not be empty",
        ])
    }
}
