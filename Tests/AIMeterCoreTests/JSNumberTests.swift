import AIMeterTestSupport
import Foundation
import Testing

@testable import AIMeterCore

@Suite("JavaScript number semantics")
struct JSNumberTests {
    @Test("Math.round sends halves toward +infinity", arguments: [
        (2.5, 3.0), (-2.5, -2.0), (45.5, 46.0), (54.5, 55.0), (0.49999999999999994, 0.0), (-0.5, -0.0), (1.4, 1.0), (-1.6, -2.0),
    ])
    func mathRound(input: Double, expected: Double) {
        #expect(JSNumber.round(input) == expected)
    }

    @Test("roundPercentage keeps two decimals like AIMeter")
    func roundPercentage() {
        #expect(JSNumber.roundPercentage(38.39 / 40 * 100) == 95.98)
        #expect(JSNumber.roundPercentage(100.0 / 300 * 100) == 33.33)
        #expect(JSNumber.roundPercentage(124.0 / 4000 * 100) == 3.1)
        #expect(JSNumber.roundPercentage(-0.005) == -0.0)
    }

    @Test("toFixed rounds the exact binary value and breaks exact ties upward", arguments: [
        (0.125, "0.13"), (1.005, "1.00"), (2.675, "2.67"), (12.5, "12.50"), (100, "100.00"), (87.5, "87.50"),
        (0.375, "0.38"), (-0.125, "-0.13"), (-0.001, "0.00"), (1234.5678, "1234.57"), (0, "0.00"),
    ])
    func toFixed(input: Double, expected: String) {
        #expect(JSNumber.toFixed(input, digits: 2) == expected)
    }

    @Test("toFixed agrees with printf except on exact ties, also a hair off a tie")
    func toFixedMatchesPrintf() {
        var generator = SplitMix64(seed: 20_261_205)
        for _ in 0..<20_000 {
            let digits = Int(generator.next() % 4)
            let scale = [1.0, 10, 100, 1000][digits]
            let magnitude = Double(generator.next() % 2_000_000_000) / 1000
            // Every third value sits next to a decimal tie: k.5 / 10^digits, nudged by an ulp.
            let nearTie = ((magnitude * scale).rounded(.down) + 0.5) / scale
            let candidates = [magnitude, nearTie.nextUp, nearTie.nextDown, -magnitude]
            let value = candidates[Int(generator.next() % 4)]
            // Exact ties (191053.25 to one digit) round away from zero in JavaScript and to even in
            // printf; the tie cases above cover them.
            let scaled = Swift.abs(value) * scale
            if scaled == scaled.rounded(.down) + 0.5 { continue }
            let printf = String(format: "%.\(digits)f", Swift.abs(value))
            let expected = value < 0 && Double(printf) != 0 ? "-" + printf : printf
            #expect(JSNumber.toFixed(value, digits: digits) == expected, "\(value) with \(digits) digits")
        }
    }

    @Test("toFixed with other digit counts")
    func toFixedDigits() {
        #expect(JSNumber.toFixed(1.4285714285714286, digits: 2) == "1.43")
        #expect(JSNumber.toFixed(2.5, digits: 0) == "3")
        #expect(JSNumber.toFixed(1.66666, digits: 1) == "1.7")
    }

    @Test("numbers print the way JSON.stringify prints them", arguments: [
        (225.0, "225"), (12.5, "12.5"), (3.13, "3.13"), (100.0, "100"), (10080.0, "10080"), (0.0, "0"), (-0.0, "0"),
        (-4.25, "-4.25"), (1741824000.0, "1741824000"), (0.000001, "0.000001"), (1e-7, "1e-7"), (1.5e21, "1.5e+21"),
        (123456789.125, "123456789.125"), (95.98, "95.98"),
    ])
    func format(input: Double, expected: String) {
        #expect(JSNumber.format(input) == expected)
    }
}
