import NIOCore

/// A document written piece by piece into one reused scratch area, whose bytes go to `emit`
/// as a chunk each time it fills: the writer holds one chunk whatever the document's length.
/// Feeds a ``ChunkPipe`` (through ``PipedResponse``) for answers too long to build whole.
///
/// Chunks are at most ``chunkSize`` bytes, except a piece longer than that (a pathological
/// provider id or layout), which is a chunk of its own.
struct ChunkedOutput {
    /// The size of the scratch area: the most bytes of an emitted chunk.
    static let chunkSize = 64 << 10

    /// Owns the scratch memory; its `let` keeps the writes free of exclusivity checks.
    private final class Scratch {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: ChunkedOutput.chunkSize, alignment: 16)
        deinit { memory.deallocate() }
    }

    private let scratch = Scratch()
    private let emit: (ByteBuffer) throws -> Void
    private let allocator = ByteBufferAllocator()
    /// Bytes of the scratch written and not emitted yet.
    private var used = 0

    /// An empty document whose chunks go to `emit` (which may throw to stop the writing).
    init(emit: @escaping (ByteBuffer) throws -> Void) {
        self.emit = emit
    }

    /// Appends literal text.
    mutating func write(_ text: StaticString) throws {
        try write(reserving: text.utf8CodeUnitCount) { $0.append(text) }
    }

    /// Appends a string's UTF-8 bytes.
    mutating func write(_ text: String) throws {
        try write(reserving: text.utf8.count) { $0.appendUTF8(text) }
    }

    /// Lets `body` append at most `maximum` bytes through a cursor: the writers' fast path.
    @inline(__always)
    mutating func write(reserving maximum: Int, _ body: (inout ByteCursor) -> Void) throws {
        guard maximum <= Self.chunkSize else {
            try flush()
            var chunk = allocator.buffer(capacity: maximum)
            chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: maximum) { memory in
                var cursor = ByteCursor(memory)
                body(&cursor)
                return cursor.count
            }
            return try emit(chunk)
        }
        if Self.chunkSize - used < maximum { try flush() }
        var cursor = ByteCursor(scratch.memory, at: used)
        body(&cursor)
        used = cursor.count
    }

    /// Emits what was written since the last chunk; call it once the document is complete.
    mutating func flush() throws {
        guard used > 0 else { return }
        var chunk = allocator.buffer(capacity: used)
        chunk.writeBytes(UnsafeRawBufferPointer(rebasing: scratch.memory[..<used]))
        used = 0
        try emit(chunk)
    }
}
