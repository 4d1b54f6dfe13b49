import NIOCore
import Testing

@testable import AIMeterAPI

@Suite struct ChunkedOutputTests {
    @Test func chunksJoinToWhatWasWrittenAndStayWithinTheirSize() throws {
        var chunks: [ByteBuffer] = []
        var output = ChunkedOutput { chunks.append($0) }
        var expected = ""
        for index in 0..<30_000 {
            let piece = "piece \(index) ✓,"
            try output.write(piece)
            try output.write("|")
            expected += piece + "|"
        }
        let huge = String(repeating: "h", count: ChunkedOutput.chunkSize * 2)
        try output.write(huge)
        try output.write(reserving: 3) { $0.append("end") }
        try output.flush()
        try output.flush()  // nothing left: no empty chunk
        expected += huge + "end"
        #expect(chunks.map { String(buffer: $0) }.joined() == expected)
        // Only the piece longer than the scratch exceeds the chunk size, and it is whole.
        #expect(chunks.filter { $0.readableBytes > ChunkedOutput.chunkSize }.map { String(buffer: $0) } == [huge])
        #expect(chunks.allSatisfy { $0.readableBytes > 0 })
    }
}
