import AIMeterCore
import Hummingbird
import NIOCore

/// Per-request state shared by the middleware chain and the handlers.
public struct APIRequestContext: RequestContext {
    /// Hummingbird's own storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer's address, when known (nil in router tests).
    public let peerAddress: String?
    /// The client's address after applying the trusted-proxy rule (set by ``AccessLogMiddleware``).
    public var clientAddress: String = "unknown"
    /// The JSON request body (set by ``RequestBodyMiddleware``): nil when the request carries no
    /// JSON (no body, or a content type other than `application/json`), `{}` for an empty one.
    public var jsonBody: JSONValue?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are collected by ``RequestBodyMiddleware`` with the 1 MiB cap; this mirrors it.
    public var maxUploadSize: Int { RequestBodyMiddleware.maxBodyBytes }
}
