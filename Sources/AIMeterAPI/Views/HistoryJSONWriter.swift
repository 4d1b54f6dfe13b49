import AIMeterCore
import AIMeterStore
import NIOCore

/// Writes `GET /api/history`'s answer, `{"success":true,"data":{"<id>":{"k":[…],"d":[…]}…}}`,
/// straight to bytes as the store reads it: byte for byte what building the `JSONValue` tree
/// and serializing it gives, without the tree (a year of hourly history for 50 providers is
/// 438 000 points and about 25 MB of JSON), in ``ChunkedOutput``'s chunks.
struct HistoryJSONWriter: HistoryVisitor {
    private var output: ChunkedOutput
    private var seriesCount = 0
    private var pointCount = 0

    /// A writer whose chunks go to `emit` (which may throw to stop the answer).
    init(emit: @escaping (ByteBuffer) throws -> Void) throws {
        output = ChunkedOutput(emit: emit)
        try output.write(#"{"success":true,"data":{"#)
    }

    mutating func beginSeries(providerId: String, names: [String]) throws {
        if seriesCount > 0 { try output.write(",") }
        seriesCount += 1
        pointCount = 0
        try output.write(JSONValue.string(providerId).serialized())
        try output.write(#":{"k":"#)
        try output.write(JSONValue.array(names.map { .string($0) }).serialized())
        try output.write(#","d":["#)
    }

    mutating func visitPoint(t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?) throws {
        let number = HistoryNumberWriter.maximumLength
        let maximum = 24 + number + values.count * (4 + 2 * number) + 10 + 2 * number
        let isFirst = pointCount == 0
        pointCount += 1
        try output.write(reserving: maximum) { out in
            out.append(isFirst ? #"{"t":"# as StaticString : #",{"t":"#)
            HistoryNumberWriter.append(t, to: &out)
            if !values.isEmpty {
                out.append(#","p":["#)
                for (offset, value) in values.enumerated() {
                    out.append(offset > 0 ? ",[" as StaticString : "[")
                    HistoryNumberWriter.append(Int64(value.index), to: &out)
                    out.append(UInt8(ascii: ","))
                    HistoryNumberWriter.append(value.usedPercent, to: &out)
                    out.append(UInt8(ascii: "]"))
                }
                out.append(UInt8(ascii: "]"))
            }
            if let cost {
                out.append(#","c":["#)
                HistoryNumberWriter.append(cost.used, to: &out)
                out.append(UInt8(ascii: ","))
                HistoryNumberWriter.append(cost.limit, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    mutating func endSeries() throws {
        try output.write("]}")
    }

    /// Closes the document and emits its last chunk.
    mutating func finish() throws {
        try output.write("}}")
        try output.flush()
    }
}
