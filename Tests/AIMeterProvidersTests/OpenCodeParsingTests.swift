import AIMeterCore
@testable import AIMeterProviders
import Foundation
import Testing

@Suite("OpenCode parsing")
struct OpenCodeParsingTests {
    typealias H = AgentWindowsHarness
    static let workspace = "wrk_01JRB3XQ9T5V7W2Y4A6C8E0G1H"

    static func items(_ fixture: String) throws -> [ProgressItem] {
        try OpenCodeUsageParser.usage(in: try H.text(fixture), now: H.now).items(now: H.now)
    }

    static func item(_ name: String, _ used: Double, _ remaining: Double, _ window: Double, in seconds: Int64) -> ProgressItem {
        ProgressItem(name: name, usedPercent: used, remainingPercent: remaining, windowMinutes: window, resetsAt: H.nowSeconds + seconds)
    }

    @Test func cookiesAndWorkspaceIdsAreNormalized() {
        #expect(OpenCodeCredentials.cookieHeader("  Fe26.2**abc  ") == "auth=Fe26.2**abc")
        #expect(OpenCodeCredentials.cookieHeader("AUTH=xyz") == "AUTH=xyz")
        #expect(OpenCodeCredentials.cookieHeader("__Host-auth=xyz") == "__Host-auth=xyz")
        #expect(OpenCodeCredentials.cookieHeader("a=1; auth=2") == "a=1; auth=2")
        #expect(OpenCodeCredentials.cookieHeader("   ") == nil)
        #expect(OpenCodeCredentials.configuredWorkspaceId("https://opencode.ai/workspace/\(Self.workspace)/go") == Self.workspace)
        #expect(OpenCodeCredentials.configuredWorkspaceId(" \(Self.workspace) ") == Self.workspace)
        #expect(OpenCodeCredentials.configuredWorkspaceId("personal") == nil)
    }

    @Test func workspaceIdsAreFoundInSerovalAndJSON() throws {
        #expect(OpenCodeCredentials.workspaceId(inServerText: try H.text("opencode/workspaces.server-fn.js")) == Self.workspace)
        #expect(OpenCodeCredentials.workspaceId(inServerText: try H.text("opencode/workspaces.json")) == Self.workspace)
        #expect(OpenCodeCredentials.workspaceId(inServerText: try H.text("opencode/workspaces.none.json")) == nil)
    }

    @Test func goPageHydrationGivesThreeWindows() throws {
        #expect(try Self.items("opencode/go-page.html") == [
            Self.item("Session", 7, 93, 300, in: 9000),
            Self.item("Weekly", 41.5, 58.5, 10080, in: 250_000),
            Self.item("Monthly", 63, 37, 43200, in: 1_900_000),
        ])
    }

    @Test func subscriptionServerFunctionHasNoMonthlyWindow() throws {
        #expect(try Self.items("opencode/subscription.server-fn.js") == [
            Self.item("Session", 7, 93, 300, in: 9000),
            Self.item("Weekly", 41.5, 58.5, 10080, in: 250_000),
        ])
    }

    @Test func jsonPathReadsPercentsAsPercentsAndRatiosAsRatios() throws {
        #expect(try Self.items("opencode/subscription.json") == [
            // usagePercent 1 is 1 %, not 100 % as AIMeter's "≤ 1 is a fraction" rule made it.
            Self.item("Session", 1, 99, 300, in: 17591),
            // resetAt 2026-03-13T12:00:00Z is five days after the clock.
            Self.item("Weekly", 30, 70, 10080, in: 432_000),
            Self.item("Monthly", 55, 45, 43200, in: 2_591_424),
        ])
    }

    @Test func heuristicsFindWindowsByPathWhenNamesAreUnknown() throws {
        #expect(try Self.items("opencode/usage.heuristic.json") == [
            Self.item("Session", 12, 88, 300, in: 3600),
            Self.item("Weekly", 30, 70, 10080, in: 432_000),
            Self.item("Monthly", 7.5, 92.5, 43200, in: 2_000_000),
        ])
    }

    @Test func windowFieldsAreClampedAndResetsNeverNegative() throws {
        let window = OpenCodeWindowReader.window(in: try JSONValue.parse(#"{"usedPercent":140,"resetAt":"2026-03-01T00:00:00Z"}"#), now: H.now)
        #expect(window == OpenCodeWindow(usedPercent: 100, resetInSeconds: 0))
        #expect(OpenCodeWindowReader.window(in: try JSONValue.parse(#"{"status":"ok"}"#), now: H.now) == nil)
    }

    @Test func aPayloadWithoutWindowsNamesTheMissingField() {
        #expect(throws: ProviderError.decoding(path: "weeklyUsage.usagePercent", message: "OpenCode usage payload changed")) {
            try OpenCodeUsageParser.usage(in: "rollingUsage:{usagePercent:3,resetInSec:10}", now: H.now)
        }
        #expect(!OpenCodeUsageParser.hasUsagePayload(#"{"data":{"mine":true}}"#, now: H.now))
    }

    @Test func onlySignInPagesCountAsSignedOut() throws {
        #expect(OpenCodeSignedOut.isSignInPage(try H.text("opencode/signed-out.html")))
        #expect(!OpenCodeSignedOut.isSignInPage(try H.text("opencode/go-page.html")))
        #expect(!OpenCodeSignedOut.isSignInPage(try H.text("opencode/go-page.no-usage.html")))
        // JSON that mentions a login is data, not a sign-in page (AIMeter treated it as signed out).
        #expect(!OpenCodeSignedOut.isSignInPage(try H.text("opencode/subscription.json")))
        #expect(!OpenCodeSignedOut.isSignInPage(try H.text("opencode/workspaces.server-fn.js")))
    }

    @Test func validateChecksCredentialKindAndOptions() {
        let adapter = OpenCodeAdapter()
        #expect(adapter.validate(H.config(.opencode, credentials: .cookie("abc"), options: ["workspaceId": .string(Self.workspace)])).isEmpty)
        #expect(adapter.validate(H.config(.opencode, credentials: .oauth(OAuthTokens(accessToken: "t")), options: ["workspaceId": "mine", "plan": "go"])) == [
            "credentials.type: oauth is not supported by provider opencode; use cookie",
            "options.plan: unknown option for provider opencode",
            "options.workspaceId: must be a workspace id (wrk_…) or a URL containing one",
        ])
    }
}
