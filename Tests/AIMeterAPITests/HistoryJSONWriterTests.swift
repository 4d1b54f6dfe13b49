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
            var cursor = ByteCursor(memory)
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
            var cursor = ByteCursor(memory)
            HistoryNumberWriter.append(integer, to: &cursor)
            let written = String(decoding: UnsafeRawBufferPointer(rebasing: memory[..<cursor.count]), as: UTF8.self)
            #expect(written == JSONValue.number(Double(integer)).serialized(), "\(integer)")
        }
    }

    /// The chunks the writer emits for `series`.
    static func written(_ series: [(String, HistorySeries)]) throws -> [ByteBuffer] {
        var chunks: [ByteBuffer] = []
        var writer = try HistoryJSONWriter { chunks.append($0) }
        for (id, series) in series {
            try writer.beginSeries(providerId: id, names: series.names)
            for point in series.points {
                try point.p.withUnsafeBufferPointer { try writer.visitPoint(t: point.t, values: $0, cost: point.c) }
            }
            try writer.endSeries()
        }
        try writer.finish()
        return chunks
    }

    /// The document `JSONValue` serialization gives for `series`.
    static func tree(_ series: [(String, HistorySeries)]) -> String {
        var data = JSONObject()
        for (id, series) in series {
            let points = series.points.map { point -> JSONValue in
                var object = JSONObject()
                object["t"] = .number(Double(point.t))
                if !point.p.isEmpty {
                    object["p"] = .array(point.p.map { [.number(Double($0.index)), .number($0.usedPercent)] })
                }
                if let cost = point.c { object["c"] = [.number(cost.used), .number(cost.limit)] }
                return .object(object)
            }
            data[id] = ["k": .array(series.names.map { .string($0) }), "d": .array(points)]
        }
        let document: JSONValue = ["success": true, "data": .object(data)]
        return document.serialized()
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
        let series = [
            ("p\"1", HistorySeries(names: names, points: points)), ("empty", HistorySeries()),
            ("long", HistorySeries(names: ["S"], points: long)),
        ]
        let chunks = try Self.written(series)
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.readableBytes <= ChunkedOutput.chunkSize })
        #expect(chunks.map { String(buffer: $0) }.joined() == Self.tree(series))
    }

    @Test func piecesLongerThanAChunkStayWhole() throws {
        // A provider id and a point (a layout of 2,000 items) each longer than a chunk.
        let id = String(repeating: "x", count: ChunkedOutput.chunkSize + 10)
        let names = (0..<2_000).map { "item \($0)" }
        let wide = HistoryPoint(t: 1_741_823_100, p: (0..<2_000).map { .init(index: $0, usedPercent: Double($0) / 7) })
        let series = [
            ("before", HistorySeries(names: ["S"], points: [HistoryPoint(t: 1, p: [.init(index: 0, usedPercent: 1)])])),
            (id, HistorySeries(names: names, points: [wide, wide])),
        ]
        let chunks = try Self.written(series)
        #expect(chunks.contains { $0.readableBytes > ChunkedOutput.chunkSize })
        #expect(chunks.map { String(buffer: $0) }.joined() == Self.tree(series))
    }

    @Test func aFailingEmitStopsTheWriter() throws {
        struct Gone: Error {}
        var emitted = 0
        var writer = try HistoryJSONWriter { _ in
            emitted += 1
            throw Gone()
        }
        let point = HistoryPoint(t: 1_741_823_100, p: [.init(index: 0, usedPercent: 12.5)])
        try writer.beginSeries(providerId: "p", names: ["S"])
        // The first chunk to fill is the first emitted, and its failure reaches the store's loop.
        #expect(throws: Gone.self) {
            for _ in 0..<100_000 {
                try point.p.withUnsafeBufferPointer { try writer.visitPoint(t: point.t, values: $0, cost: nil) }
            }
        }
        #expect(emitted == 1)
    }
}
