import AIMeterTestSupport
import Testing
import Yams

@testable import AIMeterConfig

/// The hand-written resolver must type plain scalars exactly as Yams's default (regex) rules do.
@Suite struct YAMLScalarResolverTests {
    /// Yams's own answer for a plain scalar.
    static func yams(_ text: String) -> Yams.Tag.Name {
        Resolver.default.resolveTag(of: Node(text))
    }

    @Test("agrees with Yams on the YAML 1.1 forms", arguments: [
        "", "~", "null", "Null", "NULL", "nul", "yes", "No", "ON", "off", "true", "TRUE", "tRue", "y",
        "0", "00", "0_", "-0", "+12", "1_000", "0b1010", "0b", "0b2", "0o17", "0o", "0o8", "017", "019", "0x1F", "0x",
        "0xg", "190:20:30", "1:60", "1:5", "1:05:59", "0:30", "3.14", "-3.", ".5", ".5e+3", ".5e3", "1e5", "1E-5",
        "1.5e", "6.8523015e+5", "685.230_15e+03", "190:20:30.15", "190:20:30", "-.inf", "+.INF", ".Inf", ".inf",
        ".nan", ".NaN", "-.nan", "<<", "<", "=", "==", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "2001-12-15 2:59:43.10", "2001-12-15T02:59:43.1Z", "2002-12-14", "2002-1-14",
        "2001-12-14 21:59:43.10 Z", "2001-12-14  21:59:43", "2001-12-14 21:59:43 +05:30", "2001-12-14T21:59",
        "12:30", "1:2:3", "v1.2", "1.2.3", "abc", "0.0.0.0", "127.0.0.1", "::1", "1_", "_1", "+", "-", ".",
    ])
    func agreesOnForms(text: String) {
        #expect(YAMLScalarResolver.tag(of: text) == Self.yams(text), "\(text)")
    }

    @Test func agreesWithYamsOnRandomScalars() {
        var generator = SplitMix64(seed: 20_261_205)
        let pieces = [
            "0", "1", "5", "7", "9", "_", ":", ".", "-", "+", "e", "E", "x", "b", "o", "a", "F", "T", "t", " ", "Z",
            "inf", "nan", "NaN", "2001-", "12-", "14", "<", "=", "~", "true", "null",
        ]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 8) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(YAMLScalarResolver.tag(of: text) == Self.yams(text), "\(text)")
        }
    }
}
