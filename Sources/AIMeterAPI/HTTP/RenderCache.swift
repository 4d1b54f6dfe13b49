import AIMeterExport
import NIOCore
import Synchronization

/// The latest renderings of the export and of `/metrics`, reused while their inputs are equal.
///
/// The inputs (the database rows and the query) are checked on every request, so an answer is
/// never staler than the database; only the rendering, the expensive part, is shared: once per
/// distinct inputs for the ETag (rendered at time 0) and once per second for the body, which is
/// kept as ready bytes. At most ``capacity`` renderings are kept, the most recently used first.
public final class RenderCache: Sendable {
    /// What a rendering depends on besides the request time.
    public struct Inputs: Equatable, Sendable {
        /// The export query; nil for `/metrics`.
        public var query: ExportQuery?
        /// The providers' latest data.
        public var entries: [ExportEntry]
        /// Poll bookkeeping (Prometheus health series).
        public var states: [String: ExportProviderState]
    }

    /// A rendered answer: its ETag and the body for one request second.
    public struct Rendering: Sendable {
        /// The weak ETag of the body rendered at time 0.
        public var tag: String
        /// The body rendered at ``second``, as the bytes sent.
        public var body: ByteBuffer
        /// The body's `Content-Type`.
        public var contentType: String
        var inputs: Inputs
        var second: Int64
    }

    /// How many renderings are kept.
    public static let capacity = 32
    private let renderings = Mutex<[Rendering]>([])

    /// Creates an empty cache.
    public init() {}

    /// The rendering of `inputs` at `now`, from the cache or from `render` (called outside any
    /// lock; `render(0)` gives the body the ETag is computed from).
    public func rendering(of inputs: Inputs, now: Int64, render: (Int64) -> ExportDocument) -> Rendering {
        let cached = renderings.withLock { list in list.first { $0.inputs == inputs } }
        if let cached, cached.second == now { return cached }
        let tag = cached?.tag ?? EntityTag.weak(of: render(0).body)
        let document = render(now)
        let rendering = Rendering(
            tag: tag, body: ByteBuffer(string: document.body), contentType: document.contentType, inputs: inputs,
            second: now)
        renderings.withLock { list in
            list.removeAll { $0.inputs == inputs }
            list.insert(rendering, at: 0)
            if list.count > Self.capacity { list.removeLast(list.count - Self.capacity) }
        }
        return rendering
    }
}
