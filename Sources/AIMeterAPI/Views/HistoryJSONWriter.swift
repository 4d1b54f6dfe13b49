import AIMeterCore
import AIMeterStore
import NIOCore

/// Writes `GET /api/history`'s answer, `{"success":true,"data":{"<id>":{"k":[…],"d":[…]}…}}`,
/// straight to bytes as the store reads it: byte for byte what building the `JSONValue` tree
/// and serializing it gives, without the tree (a year of hourly history for 50 providers is
/// 438 000 points and about 25 MB of JSON).
///
/// Points are written to one reused scratch area; each time it fills, its bytes go to `emit`
/// as a chunk of at most ``chunkSize`` bytes, so the writer holds one chunk whatever the
/// length of the answer. (A provider id, item name or point longer than that, which only a
/// pathological configuration makes, is a chunk of its own.)
struct HistoryJSONWriter: HistoryVisitor {
    /// The size of the scratch area: the most bytes of an emitted chunk.
    static let chunkSize = 64 << 10

    /// Owns the scratch memory; its `let` keeps the writes free of exclusivity checks.
    private final class Scratch {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: HistoryJSONWriter.chunkSize, alignment: 16)
        deinit { memory.deallocate() }
    }

    private let scratch = Scratch()
    private let emit: (ByteBuffer) throws -> Void
    private let allocator = ByteBufferAllocator()
    /// Bytes of `scratch` written and not emitted yet.
    private var used = 0
    private var seriesCount = 0
    private var pointCount = 0

    /// A writer that sends each full chunk to `emit` (which may throw to stop the answer), and has
    /// written the envelope's opening.
    init(emit: @escaping (ByteBuffer) throws -> Void) {
        self.emit = emit
        append(#"{"success":true,"data":{"#)
    }

    mutating func beginSeries(providerId: String, names: [String]) throws {
        if seriesCount > 0 { try write(",") }
        seriesCount += 1
        pointCount = 0
        try writeString(providerId)
        try write(#":{"k":["#)
        for (offset, name) in names.enumerated() {
            if offset > 0 { try write(",") }
            try writeString(name)
        }
        try write(#"],"d":["#)
    }

    mutating func visitPoint(t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?) throws {
        let number = HistoryNumberWriter.maximumLength
        let maximum = 24 + number + values.count * (4 + 2 * number) + 10 + 2 * number
        let isFirst = pointCount == 0
        pointCount += 1
        guard maximum <= Self.chunkSize else {
            // A layout of about a thousand items: the point is a chunk of its own.
            try flush()
            var chunk = allocator.buffer(capacity: maximum)
            chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: maximum) { memory in
                var out = HistoryByteCursor(memory)
                Self.writePoint(t: t, values: values, cost: cost, isFirst: isFirst, to: &out)
                return out.count
            }
            return try emit(chunk)
        }
        try reserve(maximum)
        var out = HistoryByteCursor(scratch.memory, at: used)
        Self.writePoint(t: t, values: values, cost: cost, isFirst: isFirst, to: &out)
        used = out.count
    }

    /// Writes one point of a `d` list, with its leading comma unless it is the first.
    @inline(__always)
    private static func writePoint(
        t: Int64, values: UnsafeBufferPointer<HistoryValue>, cost: HistoryCost?, isFirst: Bool,
        to out: inout HistoryByteCursor
    ) {
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

    mutating func endSeries() throws {
        try write("]}")
    }

    /// Closes the document and emits its last chunk.
    mutating func finish() throws {
        try write("}}")
        try flush()
    }

    /// Emits the scratch's bytes when fewer than `count` bytes are left after them.
    private mutating func reserve(_ count: Int) throws {
        guard Self.chunkSize - used < count else { return }
        try flush()
    }

    private mutating func flush() throws {
        guard used > 0 else { return }
        var chunk = allocator.buffer(capacity: used)
        chunk.writeBytes(UnsafeRawBufferPointer(rebasing: scratch.memory[..<used]))
        used = 0
        try emit(chunk)
    }

    private mutating func write(_ text: StaticString) throws {
        try reserve(text.utf8CodeUnitCount)
        append(text)
    }

    private mutating func append(_ text: StaticString) {
        var out = HistoryByteCursor(scratch.memory, at: used)
        out.append(text)
        used = out.count
    }

    /// Writes a JSON string; one longer than a chunk is emitted as a chunk of its own.
    private mutating func writeString(_ value: String) throws {
        let json = JSONValue.string(value).serialized()
        let count = json.utf8.count
        guard count <= Self.chunkSize else {
            try flush()
            return try emit(ByteBuffer(string: json))
        }
        try reserve(count)
        var out = HistoryByteCursor(scratch.memory, at: used)
        out.appendUTF8(json)
        used = out.count
    }
}
