import Foundation
import Hummingbird
import Logging

/// A `200` response whose body is produced on a background thread through a ``ChunkPipe``:
/// the request's task never blocks on the producer's work, and a long body is streamed with a
/// few chunks in memory instead of being built whole first (for a client that keeps up; the
/// pipe stops holding back the producer of a much slower one, see ``ChunkPipe/patience``).
///
/// A body that ends within ``preludeBytes`` is answered whole, with its length, and a failure
/// before that point is thrown to the caller (an ordinary error answer). A longer body is
/// streamed (chunked): a failure after the status line was sent can only abort the connection,
/// and is logged.
enum PipedResponse {
    /// The most bytes collected before the response commits to its status.
    static let preludeBytes = 1 << 20

    /// Runs `produce` on a background thread with the pipe to write to, and answers as described
    /// above. `produce` ends the body by returning, or fails it by throwing; its ``ChunkPipe/send(_:)``
    /// throws once the client went away, which should end it early.
    static func response(
        contentType: String, logger: Logger, preludeBytes: Int = preludeBytes,
        produce: @escaping @Sendable (ChunkPipe) throws -> Void
    ) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        let reader = Reader(ChunkPipe())
        let pipe = reader.pipe
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                try produce(pipe)
                pipe.finish()
            } catch {
                pipe.finish(throwing: error)
            }
        }
        var prelude: [ByteBuffer] = []
        var preludeSize = 0
        while preludeSize <= preludeBytes {
            guard let chunk = try await pipe.next() else {
                return Response(status: .ok, headers: headers, body: ResponseBody(contentsOf: prelude))
            }
            preludeSize += chunk.readableBytes
            prelude.append(chunk)
        }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { [prelude] writer in
                // A client that goes away makes a write throw, and a server shutting down cancels
                // the task: either way the pipe is cancelled, which stops the producer. A producer
                // that fails makes `next()` throw: logged, since the client only sees a body cut
                // short.
                defer { reader.pipe.cancel() }
                try await writer.write(contentsOf: prelude)
                while true {
                    let chunk: ByteBuffer?
                    do {
                        chunk = try await reader.pipe.next()
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        logger.warning("Streamed response cut short after its status was sent: \(String(describing: error))")
                        throw error
                    }
                    guard let chunk else { break }
                    try await writer.write(chunk)
                }
                try await writer.finish(nil)
            })
    }

    /// The consumer's hold on the pipe: when the response is dropped without its body being
    /// read to the end, the pipe is cancelled, so that the producer never waits for it.
    private final class Reader: Sendable {
        let pipe: ChunkPipe

        init(_ pipe: ChunkPipe) {
            self.pipe = pipe
        }

        deinit {
            pipe.cancel()
        }
    }
}
