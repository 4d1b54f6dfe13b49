import Foundation
import Testing

/// Golden files in `Golden/`: read through `Bundle.module`; `UPDATE_GOLDEN=1` rewrites the
/// copies in the source tree instead of comparing.
enum GoldenFile {
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` byte for byte with the golden file `name`.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if isUpdating {
            let url = sourceDirectory.appendingPathComponent(name)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try load(name)
        #expect(Data(actual.utf8) == Data(expected.utf8), "golden \(name) differs:\n\(firstDifference(actual, expected))", sourceLocation: sourceLocation)
    }

    static func load(_ name: String) throws -> String {
        let directory = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    private static var sourceDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// The first differing line, to keep failure output short.
    private static func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let got = index < actualLines.count ? actualLines[index] : "<end>"
            let want = index < expectedLines.count ? expectedLines[index] : "<end>"
            if got != want { return "line \(index + 1)\n  got:  \(got.debugDescription)\n  want: \(want.debugDescription)" }
        }
        return "same lines, different bytes"
    }
}
