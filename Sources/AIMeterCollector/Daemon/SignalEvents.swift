import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Unix signals as an async sequence. The signals' default actions are disabled first, so
/// SIGHUP reloads instead of killing the process and SIGTERM/SIGINT stop it gracefully.
enum SignalEvents {
    /// Starts catching `signals` and returns them as they arrive.
    static func stream(_ signals: [Int32]) -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let sources = signals.map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            let holder = SourceHolder(sources: sources)
            continuation.onTermination = { _ in holder.cancel() }
        }
    }

    /// Keeps the dispatch sources alive for as long as the stream is.
    private final class SourceHolder: @unchecked Sendable {
        // Only touched at creation and once in cancel(); dispatch sources are thread-safe.
        let sources: [any DispatchSourceSignal]
        init(sources: [any DispatchSourceSignal]) { self.sources = sources }
        func cancel() { for source in sources { source.cancel() } }
    }
}
