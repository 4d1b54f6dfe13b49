import AIMeterCore
@testable import AIMeterProviders
import Foundation
import Testing

@Suite("Ollama parsing")
struct OllamaParsingTests {
    typealias H = AgentWindowsHarness

    static func snapshot(_ fixture: String) throws -> UsageSnapshot {
        try OllamaAdapter.snapshot(html: try H.text(fixture), now: H.now)
    }

    @Test func settingsPageGivesSessionWeeklyAndPlan() throws {
        let snapshot = try Self.snapshot("ollama/settings.html")
        #expect(snapshot.items == [
            ProgressItem(name: "Session", desc: "", usedPercent: 23.4, remainingPercent: 76.6, resetsAt: try H.unix("2026-03-08T15:00:00Z")),
            ProgressItem(name: "Weekly", desc: "", usedPercent: 61, remainingPercent: 39, resetsAt: try H.unix("2026-03-10T00:00:00Z")),
        ])
        #expect(snapshot.identity == Identity(plan: "Pro"))
        #expect(snapshot.updatedAt == H.now)
    }

    @Test func hourlyLabelAndWidthOnlyPercent() throws {
        let snapshot = try Self.snapshot("ollama/settings.hourly-width-only.html")
        #expect(snapshot.items == [
            ProgressItem(name: "Session", desc: "", usedPercent: 37.5, remainingPercent: 62.5, resetsAt: try H.unix("2026-03-08T12:40:00Z")),
            ProgressItem(name: "Weekly", desc: "", usedPercent: 12.5, remainingPercent: 87.5, resetsAt: try H.unix("2026-03-09T00:00:00Z")),
        ])
        #expect(snapshot.identity?.plan == "Pro")
    }

    @Test func aBlockNeverBorrowsTheNextBlocksPercent() throws {
        let html = try H.text("ollama/settings.adjacent-blocks.html")
        // AIMeter's plain 800-character window would have read the weekly "44% used" as the session.
        #expect(html.distance(from: html.range(of: "Session usage")!.upperBound, to: html.range(of: "44% used")!.lowerBound) < 800)
        let snapshot = try OllamaAdapter.snapshot(html: html, now: H.now)
        #expect(snapshot.items == [
            ProgressItem(name: "Weekly", desc: "", usedPercent: 44, remainingPercent: 56, resetsAt: try H.unix("2026-03-11T00:00:00Z")),
        ])
        #expect(snapshot.identity?.plan == "Team")
    }

    @Test func signedOutAndEmptyPagesAreErrors() throws {
        #expect(throws: ProviderError.authRequired("Invalid or expired Ollama session")) {
            try Self.snapshot("ollama/settings.signed-out.html")
        }
        #expect(throws: ProviderError.decoding(path: "Session usage", message: "Could not parse Ollama usage data")) {
            try Self.snapshot("ollama/settings.no-usage.html")
        }
        // The signed-in page has forms (search, sign out) but no sign-in route.
        #expect(!OllamaSettingsParser.isSignedOut(try H.text("ollama/settings.html")))
    }

    @Test func planNamesAreNormalized() {
        #expect(OllamaPlanParser.normalize(" free ") == "Free")
        #expect(OllamaPlanParser.normalize("PRO") == "Pro")
        #expect(OllamaPlanParser.normalize("Resets in 3 hours") == "Resets in 3 hours")
        let heading = #"<h2 class="x"><span>Cloud Usage</span><div><span>Resets in 2 hours</span><span> max </span></div></h2>"#
        #expect(OllamaPlanParser.headingFallback(in: heading) == "Max")
        #expect(OllamaPlanParser.plan(in: "<p>no plan here</p>") == nil)
    }

    @Test func validateAcceptsOnlyACookieAndNoOptions() {
        let adapter = OllamaAdapter()
        #expect(adapter.validate(H.config(.ollama, credentials: .cookie("aid=1; __Secure-session=2"))).isEmpty)
        #expect(adapter.validate(H.config(.ollama, credentials: .cookie(" "), options: ["mode": "x"])) == [
            "credentials.value: must not be empty",
            "options.mode: unknown option for provider ollama",
        ])
    }
}
