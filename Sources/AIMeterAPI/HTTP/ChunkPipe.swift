import AIMeterCore
import Foundation
import NIOCore

/// Carries a response body from a producer thread to the request's task, a few chunks at a
/// time: the producer (synchronous, e.g. inside a database read) blocks while `capacity`
/// chunks wait, so that a long answer for a client that keeps up never sits in memory whole.
///
/// A client much slower than its producer must not hold the producer (and its database read
/// transaction) for the length of its download: once the producer has waited for `patience`
/// in all, the pipe stops blocking it and keeps whatever it is given, as a response built whole
/// would have.
///
/// The producer calls ``send(_:)`` for each chunk and ``finish(throwing:)`` once. The consumer
/// reads with ``next()`` until it returns nil, and calls ``cancel()`` when it stops early; the
/// producer's next ``send(_:)`` then throws ``ChunkPipeError/cancelled``, which ends its work.
final class ChunkPipe: @unchecked Sendable {
    /// How many chunks may wait for the consumer.
    let capacity: Int
    /// How long ``send(_:)`` may block the producer in all, over the whole body.
    let patience: Duration

    // Every stored property below is read and written with `condition` locked.
    private let condition = NSCondition()
    private var chunks: [ByteBuffer] = []
    private var ending: Result<Void, any Error>?
    private var cancelled = false
    private var waitingConsumer: CheckedContinuation<ByteBuffer?, any Error>?
    /// How long the producer has been blocked so far.
    private var waited: Duration = .zero

    /// An empty pipe.
    init(capacity: Int = 8, patience: Duration = .seconds(1)) {
        self.capacity = max(1, capacity)
        self.patience = patience
    }

    /// Hands `chunk` to the consumer, first waiting (blocking the thread) while the pipe is full,
    /// unless the producer has used up its ``patience``.
    ///
    /// Throws ``ChunkPipeError/cancelled`` once the consumer cancelled.
    func send(_ chunk: ByteBuffer) throws {
        let clock = ContinuousClock()
        let waiter: CheckedContinuation<ByteBuffer?, any Error>? = try condition.withLock {
            while !cancelled, chunks.count >= capacity, waited < patience {
                let started = clock.now
                _ = condition.wait(until: Date(timeIntervalSinceNow: (patience - waited).inSeconds))
                waited += clock.now - started
            }
            guard !cancelled else { throw ChunkPipeError.cancelled }
            if let waiter = waitingConsumer {
                waitingConsumer = nil
                return waiter
            }
            chunks.append(chunk)
            return nil
        }
        waiter?.resume(returning: chunk)
    }

    /// Ends the body: after the chunks already sent, ``next()`` returns nil, or throws `error`.
    /// Only the first call counts.
    func finish(throwing error: (any Error)? = nil) {
        let waiter: CheckedContinuation<ByteBuffer?, any Error>? = condition.withLock {
            guard ending == nil else { return nil }
            ending = error.map { .failure($0) } ?? .success(())
            defer { waitingConsumer = nil }
            return waitingConsumer
        }
        if let error {
            waiter?.resume(throwing: error)
        } else {
            waiter?.resume(returning: nil)
        }
    }

    /// The next chunk, nil at the end of the body; throws the producer's error, or
    /// `CancellationError` when the task is cancelled (which cancels the pipe).
    func next() async throws -> ByteBuffer? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<ByteBuffer?, any Error>? = condition.withLock {
                    if cancelled { return .failure(CancellationError()) }
                    if !chunks.isEmpty {
                        condition.signal()
                        return .success(chunks.removeFirst())
                    }
                    switch ending {
                    case .success?: return .success(nil)
                    case .failure(let error)?: return .failure(error)
                    case nil:
                        waitingConsumer = continuation
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Stops the pipe from the consumer's side: waiting chunks are dropped, a blocked producer
    /// wakes up and its ``send(_:)`` throws.
    func cancel() {
        let waiter: CheckedContinuation<ByteBuffer?, any Error>? = condition.withLock {
            cancelled = true
            chunks.removeAll()
            condition.broadcast()
            defer { waitingConsumer = nil }
            return waitingConsumer
        }
        waiter?.resume(throwing: CancellationError())
    }
}

/// Why a producer's ``ChunkPipe/send(_:)`` failed.
enum ChunkPipeError: Error, Equatable, CustomStringConvertible {
    /// The consumer stopped reading (its client went away).
    case cancelled

    var description: String {
        switch self {
        case .cancelled: "the response was abandoned by its reader"
        }
    }
}
