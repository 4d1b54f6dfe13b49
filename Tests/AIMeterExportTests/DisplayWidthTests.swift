import Foundation
import Testing

@testable import AIMeterExport

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("", 0), ("中文", 4), ("한국어", 6), ("ｱ", 1), ("！", 2),  // U+FF01 is in FF00–FF60
        ("😀", 2), ("👨‍👩‍👧", 6),  // pictographs 2 each, ZWJ 0
        ("e\u{301}", 1), ("\u{20DD}", 0), ("\u{903}", 0),  // Mn, Me, Mc
        ("❤\u{FE0F}", 2), ("\t\n\u{0}", 0), ("\u{7F}\u{85}\u{9F}", 0),
        ("©™", 4),  // Extended_Pictographic even though text-style by default
        ("\u{2329}\u{232A}", 4), ("\u{1F200}", 2), ("\u{1B000}", 2), ("\u{20000}", 2), ("\u{3FFFD}", 2),
        ("\u{1100}\u{115F}\u{1160}", 5), ("\u{A97C}\u{A97D}", 3), ("\u{FE19}\u{FE1A}", 3),
    ])
    func measuresCodePointsLikeAIMeter(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func pictographTableMatchesICU() throws {
        var all = ""
        for value in UInt32(0)...0x10FFFF {
            if let scalar = Unicode.Scalar(value) { all.unicodeScalars.append(scalar) }
        }
        let regex = try NSRegularExpression(pattern: #"\p{Extended_Pictographic}"#)
        let text = all as NSString
        var fromICU: [UInt32] = []
        for match in regex.matches(in: all, range: NSRange(location: 0, length: text.length)) {
            if let scalar = text.substring(with: match.range).unicodeScalars.first { fromICU.append(scalar.value) }
        }
        let fromTable = ExtendedPictographic.ranges.flatMap { Array($0) }
        #expect(fromTable.count == 3537)
        #expect(fromICU == fromTable)
    }

    @Test func fitPadsShortCellsToWidth() {
        #expect(DisplayWidth.fit("abc", width: 6) == "abc   ")
        #expect(DisplayWidth.fit("中文", width: 5) == "中文 ")
        #expect(DisplayWidth.fit("exact", width: 5) == "exact")
    }

    @Test func fitCutsWideTextAndRepadsTheGap() {
        // 18 CJK characters at width 24: 10 characters (20 columns) fit the 21-column budget.
        let cut = DisplayWidth.fit("中文名字很长很长很长很长很长很长很长", width: 24)
        #expect(cut == "中文名字很长很长很长... ")
        #expect(DisplayWidth.of(cut) == 24)
    }

    @Test func fitKeepsZeroWidthMarksUntilTheFirstCodePointThatDoesNotFit() {
        #expect(DisplayWidth.fit("abcde\u{301}fghi", width: 8) == "abcde\u{301}...")
        #expect(DisplayWidth.fit("abcd\u{301}efgh", width: 7) == "abcd\u{301}...")
        // The cut stops at 中 (2 columns over budget); its mark goes with it and a space fills the gap.
        #expect(DisplayWidth.fit("abcd中\u{301}xyz", width: 8) == "abcd... ")
    }

    @Test func fitOfTinyWidthsIsOnlyDots() {
        #expect(DisplayWidth.fit("abcdef", width: 3) == "...")
        #expect(DisplayWidth.fit("abcdef", width: 2) == "..")
        #expect(DisplayWidth.fit("abcdef", width: 4) == "a...")
    }
}
