import Foundation
import NIOCore
import Testing

@testable import AIMeterAPI

@Suite struct ChunkPipeTests {
    struct Broken: Error, Equatable {}

    /// Runs `body` on its own thread (a producer blocks) and returns what it returned or threw.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try body() }) }.start()
        }
    }

    @Test func deliversEveryChunkInOrderThenTheEnd() async throws {
        let pipe = ChunkPipe(capacity: 2)
        async let produced = Self.onThread {
            for index in 0..<200 { try pipe.send(ByteBuffer(string: "\(index),")) }
            pipe.finish()
        }
        var text = ""
        while let chunk = try await pipe.next() { text += String(buffer: chunk) }
        try await produced.get()
        #expect(text == (0..<200).map { "\($0)," }.joined())
        // The end stays the end.
        #expect(try await pipe.next() == nil)
    }

    @Test func aProducerOutOfPatienceIsNoLongerHeld() async throws {
        let pipe = ChunkPipe(capacity: 2, patience: .milliseconds(200))
        // Nobody reads: the third send waits for the whole patience, the later ones not at all.
        let result = await Self.onThread {
            for index in 0..<10 { try pipe.send(ByteBuffer(string: "\(index),")) }
            pipe.finish()
        }
        try result.get()
        var text = ""
        while let chunk = try await pipe.next() { text += String(buffer: chunk) }
        #expect(text == (0..<10).map { "\($0)," }.joined())
    }

    @Test func cancellingWakesABlockedProducer() async throws {
        let pipe = ChunkPipe(capacity: 1, patience: .seconds(600))
        async let produced = Self.onThread {
            try pipe.send(ByteBuffer(string: "a"))
            try pipe.send(ByteBuffer(string: "b"))  // blocks: nobody reads "a"
        }
        // Time for the producer to block (were it not blocked yet, its send would throw all the
        // same); a wake-up that never came would hang the test for the 600 s of patience.
        try await Task.sleep(for: .milliseconds(50))
        pipe.cancel()
        let result = await produced
        #expect(throws: ChunkPipeError.cancelled) { try result.get() }
        await #expect(throws: CancellationError.self) { try await pipe.next() }
    }

    @Test func theProducersFailureFollowsItsChunks() async throws {
        let pipe = ChunkPipe()
        try pipe.send(ByteBuffer(string: "a"))
        pipe.finish(throwing: Broken())
        pipe.finish()  // only the first ending counts
        #expect(try await pipe.next().map { String(buffer: $0) } == "a")
        await #expect(throws: Broken.self) { try await pipe.next() }
    }

    @Test func aWaitingConsumerIsWokenByTheProducer() async throws {
        let pipe = ChunkPipe()
        async let first = pipe.next()
        async let second: Void = {
            try await Task.sleep(for: .milliseconds(20))
            try pipe.send(ByteBuffer(string: "late"))
        }()
        #expect(try await first.map { String(buffer: $0) } == "late")
        try await second
    }

    @Test func cancellingTheConsumersTaskCancelsThePipe() async throws {
        let pipe = ChunkPipe()
        let consumer = Task { try await pipe.next() }
        try await Task.sleep(for: .milliseconds(20))
        consumer.cancel()
        await #expect(throws: CancellationError.self) { try await consumer.value }
        #expect(throws: ChunkPipeError.cancelled) { try pipe.send(ByteBuffer(string: "x")) }
    }
}
