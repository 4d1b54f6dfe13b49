import AIMeterCore
import AIMeterStore
import Foundation
import NIOCore
import Testing

@testable import AIMeterAPI

@Suite struct HistoryJSONWriterTests {
    @Test func writesNumbersExactlyLikeJSONStringify() {
        var random = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 1, -1, 12.5, 0.01, 0.05, 0.1, 0.29, 99.99, 100, -41.25, 0.1 + 0.2, 1.005, 2.675, 1 / 3, 1e-7, 5e-324,
            123_456_789.12, 9_999_999_999_999.99, 1e13 + 0.5, 1e21, 1.5e21, 9_007_199_254_740_992, 9_007_199_254_740_993,
            1_741_823_100, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        ]
        for _ in 0..<20_000 {
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 100)
            values.append(Double.random(in: -1e6...1e6, using: &random))
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)))
        }
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: HistoryNumberWriter.maximumLength, alignment: 1)
        defer { memory.deallocate() }
        for value in values {
            var cursor = HistoryByteCursor(memory)
            HistoryNumberWriter.append(value, to: &cursor)
            let written = String(decoding: UnsafeRawBufferPointer(rebasing: memory[..<cursor.count]), as: UTF8.self)
            #expect(written == JSONValue.number(value).serialized(), "\(value.bitPattern)")
        }
        var powers: [Int64] = []
        var power: Int64 = 1
        for _ in 0..<16 {
            powers += [power - 1, power, power + 1, -power]
            power *= 10
        }
        for integer in powers + [0, -7, 1_741_823_100, 1 << 53, -(1 << 53) - 1, .max, .min] {
            var cursor = HistoryByteCursor(memory)
            HistoryNumberWriter.append(integer, to: &cursor)
            let written = String(decoding: UnsafeRawBufferPointer(rebasing: memory[..<cursor.count]), as: UTF8.self)
            #expect(written == JSONValue.number(Double(integer)).serialized(), "\(integer)")
        }
    }

    @Test func writesTheDocumentTheValueTreeWould() throws {
        let names = ["Session", "Wöchentlich \"7d\"\n", "</script>"]
        let points = [
            HistoryPoint(t: 1_741_823_100, p: [.init(index: 0, usedPercent: 10), .init(index: 2, usedPercent: 2.5)]),
            HistoryPoint(t: 1_741_823_400),
            HistoryPoint(t: 1_741_823_700, p: [.init(index: 1, usedPercent: 1e-9)], c: HistoryCost(used: 3.14, limit: 50)),
        ]
        // Enough points for several chunks.
        let long = (0..<60_000).map { HistoryPoint(t: Int64($0) * 300, p: [.init(index: 0, usedPercent: Double($0 % 10_000) / 100)]) }
        var writer = HistoryJSONWriter()
        let series = [
            ("p\"1", HistorySeries(names: names, points: points)), ("empty", HistorySeries()),
            ("long", HistorySeries(names: ["S"], points: long)),
        ]
        for (id, series) in series {
            writer.beginSeries(providerId: id, names: series.names)
            for point in series.points {
                point.p.withUnsafeBufferPointer { writer.visitPoint(t: point.t, values: $0, cost: point.c) }
            }
            writer.endSeries()
        }
        writer.finish()
        let tree: JSONValue = [
            "success": true,
            "data": [
                "p\"1": [
                    "k": .array(names.map { .string($0) }),
                    "d": [
                        ["t": 1_741_823_100, "p": [[0, 10], [2, 2.5]]],
                        ["t": 1_741_823_400],
                        ["t": 1_741_823_700, "p": [[1, 1e-9]], "c": [3.14, 50]],
                    ],
                ],
                "empty": ["k": [], "d": []],
                "long": [
                    "k": ["S"],
                    "d": .array(long.map { ["t": .number(Double($0.t)), "p": [[0, .number($0.p[0].usedPercent)]]] }),
                ],
            ],
        ]
        #expect(writer.chunks.count > 1)
        let written = writer.chunks.map { String(buffer: $0) }.joined()
        #expect(written == tree.serialized())
    }
}
