import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import AIMeterAPI

@Suite struct PipedResponseTests {
    struct Broken: Error {}

    /// A live server whose `GET /piped` answers with `produce` through a pipe.
    static func test(
        preludeBytes: Int, produce: @escaping @Sendable (ChunkPipe) throws -> Void,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let router = Router()
        router.get("/piped") { _, _ in
            try await PipedResponse.response(
                contentType: "text/plain", logger: Logger(label: "test"), preludeBytes: preludeBytes,
                produce: produce)
        }
        try await Application(router: router).test(.live, body)
    }

    /// `count` chunks of `size` bytes, each filled with a letter of its own.
    static func chunks(_ count: Int, size: Int) -> [String] {
        (0..<count).map { String(repeating: String(UnicodeScalar(UInt8(65 + $0 % 26))), count: size) }
    }

    @Test func aShortBodyIsAnsweredWholeWithItsLength() async throws {
        try await Self.test(preludeBytes: 1000) { pipe in
            for chunk in ["a", "bc", "d"] { try pipe.send(ByteBuffer(string: chunk)) }
        } _: { client in
            let response = try await client.execute(uri: "/piped", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "abcd")
            #expect(response.headers[.contentLength] == "4")
        }
    }

    @Test func aLongBodyIsStreamedInFull() async throws {
        let parts = Self.chunks(300, size: 1000)
        try await Self.test(preludeBytes: 1000) { pipe in
            for part in parts { try pipe.send(ByteBuffer(string: part)) }
        } _: { client in
            let response = try await client.execute(uri: "/piped", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == parts.joined())
            #expect(response.headers[.contentLength] == nil)
            #expect(response.headers[.transferEncoding] == "chunked")
        }
    }

    @Test func aFailureWithinThePreludeIsAnOrdinaryErrorAnswer() async throws {
        try await Self.test(preludeBytes: 1000) { pipe in
            try pipe.send(ByteBuffer(string: "partial"))
            throw HTTPError(.serviceUnavailable)
        } _: { client in
            let response = try await client.execute(uri: "/piped", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(!String(buffer: response.body).contains("partial"))
        }
    }

    @Test func aFailureAfterThePreludeCutsTheBodyShort() async throws {
        let parts = Self.chunks(10, size: 1000)
        try await Self.test(preludeBytes: 1000) { pipe in
            for part in parts { try pipe.send(ByteBuffer(string: part)) }
            throw Broken()
        } _: { client in
            // The status was sent: the client can only see a body that never ends properly.
            do {
                let response = try await client.execute(uri: "/piped", method: .get)
                #expect(response.body.readableBytes < parts.joined().utf8.count)
            } catch {
                // The connection closed mid-body: the expected outcome for most clients.
            }
        }
    }

    @Test func aResponseDroppedUnreadStopsItsProducer() async throws {
        let ended = AsyncStream.makeStream(of: String.self)
        let response = try await PipedResponse.response(contentType: "text/plain", logger: Logger(label: "test"), preludeBytes: 10) { pipe in
            do {
                // Far more than the pipe holds: without a reader the producer must be stopped.
                for _ in 0..<1_000 { try pipe.send(ByteBuffer(string: "0123456789")) }
                ended.continuation.yield("finished")
            } catch {
                ended.continuation.yield(String(describing: error))
                throw error
            }
        }
        #expect(response.status == .ok)
        _ = consume response
        var outcomes = ended.stream.makeAsyncIterator()
        #expect(await outcomes.next() == ChunkPipeError.cancelled.description)
    }
}
