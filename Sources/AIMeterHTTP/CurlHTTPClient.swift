import AIMeterCore
import Foundation

/// The production ``HTTPClient``: libcurl's easy interface on a bounded pool of worker threads.
///
/// - Timeouts: per request (`HTTPRequest.timeoutSeconds`, else ``Configuration/defaultTimeoutSeconds``),
///   covering the whole exchange including the body; connecting has its own shorter limit.
/// - Bodies larger than ``Configuration/maxResponseBytes`` (after decompression) are aborted
///   and reported as ``HTTPClientError/responseTooLarge(limitBytes:)``.
/// - gzip and deflate are requested and decoded transparently.
/// - Redirects are not followed unless the request asks; 4xx/5xx are returned, not thrown.
/// - TLS certificates and host names are always verified.
/// - Proxies come from the standard environment variables (`http_proxy`, `https_proxy`,
///   `HTTPS_PROXY`, `ALL_PROXY`, `no_proxy`), which libcurl reads itself.
/// - Cancelling the calling task aborts the transfer (within about a second) with
///   ``HTTPClientError/cancelled``.
/// - Nothing is logged: request headers and bodies carry secrets.
public final class CurlHTTPClient: HTTPClient {
    /// Client-wide settings.
    public struct Configuration: Sendable, Equatable {
        /// Timeout for requests that do not set their own (AIMeter uses 12 s).
        public var defaultTimeoutSeconds: Double
        /// Limit for establishing the connection (TCP + TLS); never longer than the request timeout.
        public var connectTimeoutSeconds: Double
        /// Largest accepted body, in bytes after decompression.
        public var maxResponseBytes: Int
        /// Transfers running at the same time (worker threads); more requests wait in a queue.
        /// Set it to at least the collector's `collector.concurrency`.
        public var maxConcurrentTransfers: Int
        /// `User-Agent` sent when a request does not set one.
        public var userAgent: String

        /// Creates settings; the defaults suit the collector.
        public init(
            defaultTimeoutSeconds: Double = 12,
            connectTimeoutSeconds: Double = 10,
            maxResponseBytes: Int = 10 * 1024 * 1024,
            maxConcurrentTransfers: Int = 8,
            userAgent: String = CurlHTTPClient.defaultUserAgent
        ) {
            self.defaultTimeoutSeconds = defaultTimeoutSeconds
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.maxResponseBytes = maxResponseBytes
            self.maxConcurrentTransfers = maxConcurrentTransfers
            self.userAgent = userAgent
        }
    }

    /// `aimeter/<version>`: the default `User-Agent`.
    public static let defaultUserAgent = "aimeter/\(CurlHTTPClient.version)"
    /// The version reported in the default `User-Agent`.
    public static let version = AIMeterVersion.current

    /// The settings this client was created with.
    public let configuration: Configuration
    private let pool: CurlWorkerPool

    /// Creates a client. Worker threads start on first use.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.pool = CurlWorkerPool(maxThreads: configuration.maxConcurrentTransfers)
        CurlGlobal.ensureInitialized()
    }

    deinit {
        pool.shutdown()
    }

    /// Performs `request`. Throws only ``HTTPClientError``; any HTTP status is a response.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = CurlTransfer(request: request, configuration: configuration)
        let result: Result<HTTPResponse, HTTPClientError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pool.submit { handle in
                    continuation.resume(returning: transfer.perform(on: handle))
                }
            }
        } onCancel: {
            transfer.cancel()
        }
        return try result.get()
    }
}
