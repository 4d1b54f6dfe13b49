import Testing

@testable import AIMeterCore

/// The hand-written matcher must agree with AIMeter's regular expression, which serves as the
/// oracle here.
@Suite struct WindowDescriptionTests {
    static func oracle(_ text: String) -> Substring?? {
        let pattern = #/^\d+(\.\d+)?\s+(seconds?|minutes?|min|hours?|days?|weeks?|months?)\s+window(?<suffix>\s+for\s+.+)?$/#
        guard let match = text.wholeMatch(of: pattern.ignoresCase()) else { return .none }
        return .some(match.output.suffix)
    }

    static func agree(_ text: String) -> Bool {
        let expected = oracle(text)
        let actual = WindowDescription.suffix(of: text)
        switch expected {
        case .none: return actual == nil
        case .some(let suffix): return actual == (suffix ?? "")
        }
    }

    @Test(arguments: [
        "5 hours window", "5 HOURS Window for GPT-5", "1.5 days window", "1. days window", ".5 days window",
        "7 days window for", "7 days window for ", "7 days window for  x", "7 days window forx", "7 days windows",
        "7 days\twindow\tfor\tOpus", "7 days window for a\nb", "7 days window\nfor b", "7 mins window", "7 min window",
        "٣ days window", "7 day window for Opus 4.1 (beta)", "7  days  window", "days window", "7days window",
        "7 month window for x y z", "7 Months WINDOW FOR Everything", "", "5 hours window for\u{00A0}x",
    ])
    func agreesWithTheRegexOnEdgeCases(_ text: String) {
        #expect(Self.agree(text), "\(text.debugDescription)")
    }

    @Test func agreesWithTheRegexOnGeneratedText() {
        let pieces = ["1", "12", "3.5", ".", " ", "  ", "\t", "\n", "day", "days", "Hours", "min", "mins",
                      "week", "window", "WINDOW", "windows", "for", "FOR", "x", "Opus", "٣", "-"]
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var matched = 0
        for _ in 0..<5_000 {
            var text = ""
            if next() % 2 == 0 { text = ["5 hours window", "7 days window for"][next() % 2] }
            for _ in 0..<(next() % 7) { text += pieces[next() % pieces.count] }
            #expect(Self.agree(text), "\(text.debugDescription)")
            if WindowDescription.suffix(of: text) != nil { matched += 1 }
        }
        #expect(matched > 100)
    }
}
