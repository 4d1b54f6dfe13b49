import AIMeterCore
import AIMeterStore
import NIOCore

/// Writes `GET /api/history`'s answer, `{"success":true,"data":{"<id>":{"k":[…],"d":[…]}…}}`,
/// straight to bytes as the store reads it: byte for byte what building the `JSONValue` tree
/// and serializing it gives, without the tree (a year of hourly history for 50 providers is
/// 438 000 points and about 25 MB of JSON). The bytes go to 1 MiB chunks, sent as they are.
struct HistoryJSONWriter: HistoryVisitor {
    /// Size of a chunk; the last one is smaller.
    static let chunkSize = 1 << 20

    /// The document so far; complete after ``finish()``.
    private(set) var chunks: [ByteBuffer] = []
    private var current: ByteBuffer
    private var seriesCount = 0
    private var pointCount = 0

    /// A writer that has written the envelope's opening.
    init() {
        current = ByteBufferAllocator().buffer(capacity: Self.chunkSize)
        current.writeStaticString(#"{"success":true,"data":{"#)
    }

    mutating func beginSeries(providerId: String, names: [String]) {
        if seriesCount > 0 { write(",") }
        seriesCount += 1
        pointCount = 0
        writeString(providerId)
        write(#":{"k":["#)
        for (offset, name) in names.enumerated() {
            if offset > 0 { write(",") }
            writeString(name)
        }
        write(#"],"d":["#)
    }

    mutating func visitPoint(t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?) {
        let number = HistoryNumberWriter.maximumLength
        let maximum = 24 + number + values.count * (4 + 2 * number) + 10 + 2 * number
        let isFirst = pointCount == 0
        pointCount += 1
        reserve(maximum)
        current.writeWithUnsafeMutableBytes(minimumWritableBytes: maximum) { memory in
            var out = HistoryByteCursor(memory)
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
            return out.count
        }
    }

    mutating func endSeries() {
        write("]}")
    }

    /// Closes the document.
    mutating func finish() {
        write("}}")
        chunks.append(current)
        current = ByteBuffer()
    }

    /// Starts a new chunk when the current one has less than `count` bytes left.
    private mutating func reserve(_ count: Int) {
        guard current.writableBytes < count else { return }
        chunks.append(current)
        current = ByteBufferAllocator().buffer(capacity: max(Self.chunkSize, count))
    }

    private mutating func write(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        current.writeStaticString(text)
    }

    private mutating func writeString(_ value: String) {
        let json = JSONValue.string(value).serialized()
        reserve(json.utf8.count)
        current.writeString(json)
    }
}
