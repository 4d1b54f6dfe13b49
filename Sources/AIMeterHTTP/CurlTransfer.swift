import AIMeterCore
import CCurl
import Foundation
import Synchronization

/// One request's transfer state: the libcurl options, the callbacks' buffers and the outcome.
///
/// Created on the caller's task, performed on a ``CurlWorkerPool`` thread. The callbacks reach
/// this object through the opaque `*DATA` pointers; the object outlives the transfer because
/// the caller keeps it until the continuation resumes.
final class CurlTransfer: @unchecked Sendable {
    // @unchecked: `body`, `headers` and `exceededCap` are touched only by the worker thread
    // running `perform`; `cancelled` is atomic and is the only field other threads use.
    let request: HTTPRequest
    let configuration: CurlHTTPClient.Configuration
    private let cancelled = Atomic<Bool>(false)
    var body = Data()
    var headers: [(name: String, value: String)] = []
    var exceededCap = false
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(request: HTTPRequest, configuration: CurlHTTPClient.Configuration) {
        self.request = request
        self.configuration = configuration
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Asks the transfer to stop; the progress callback aborts it within about a second.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// The effective timeout in seconds.
    var timeoutSeconds: Double {
        Swift.max(0.001, request.timeoutSeconds ?? configuration.defaultTimeoutSeconds)
    }

    /// Runs the transfer synchronously on `handle` (a freshly reset easy handle).
    func perform(on handle: UnsafeMutableRawPointer?) -> Result<HTTPResponse, HTTPClientError> {
        guard let handle else { return .failure(.transport("libcurl could not create a transfer handle")) }
        guard !isCancelled else { return .failure(.cancelled) }
        guard let scheme = request.url.split(separator: ":", maxSplits: 1).first?.lowercased(),
            scheme == "http" || scheme == "https"
        else { return .failure(.invalidURL(CurlTransfer.redacted(request.url))) }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        headerList = configure(handle)

        let code = curl_easy_perform(handle)
        if code == CURLE_OK {
            var status = 0
            _ = aimeter_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            return .success(HTTPResponse(status: status, headers: headers, body: body))
        }
        return .failure(error(for: code))
    }

    /// Sets every option for this request and returns the header list to free afterwards.
    private func configure(_ handle: UnsafeMutableRawPointer) -> UnsafeMutablePointer<curl_slist>? {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = aimeter_curl_setopt_string(handle, CURLOPT_URL, request.url)
        _ = aimeter_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = aimeter_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = aimeter_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = aimeter_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeoutSeconds * 1000))
        let connect = Swift.min(configuration.connectTimeoutSeconds, timeoutSeconds)
        _ = aimeter_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Swift.max(1, Int(connect * 1000)))
        // TLS verification is libcurl's default; set it anyway so no reset or build default can weaken it.
        _ = aimeter_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = aimeter_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        // "" = advertise and decode every encoding libcurl supports (gzip, deflate, ...).
        _ = aimeter_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = aimeter_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        _ = aimeter_curl_setopt_long(handle, CURLOPT_MAXREDIRS, 5)
        // Rejects a declared Content-Length above the cap before any byte is read.
        _ = aimeter_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxResponseBytes))
        _ = aimeter_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        // CURLOPT_PROXY is deliberately never set, so libcurl keeps honouring http_proxy,
        // https_proxy, HTTPS_PROXY, ALL_PROXY and no_proxy from the environment.

        _ = aimeter_curl_setopt_write_function(handle, curlWriteCallback)
        _ = aimeter_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = aimeter_curl_setopt_header_function(handle, curlHeaderCallback)
        _ = aimeter_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = aimeter_curl_setopt_xferinfo_function(handle, curlProgressCallback)
        _ = aimeter_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
        _ = aimeter_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)

        configureMethod(handle)
        let headers = headerList()
        _ = aimeter_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        return headers
    }

    private func configureMethod(_ handle: UnsafeMutableRawPointer) {
        let method = request.method.uppercased()
        if let body = request.body {
            _ = aimeter_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies the bytes, so the Data may go away after this call.
                let pointer = raw.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start)
                _ = aimeter_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: pointer))
            }
            if method != "POST" { _ = aimeter_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method) }
        } else if method == "GET" {
            _ = aimeter_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        } else if method == "HEAD" {
            _ = aimeter_curl_setopt_long(handle, CURLOPT_NOBODY, 1)
        } else if method == "POST" {
            _ = aimeter_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, 0)
            _ = aimeter_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
        } else {
            _ = aimeter_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        }
    }

    /// The request headers as a curl list, plus `User-Agent` and an empty `Expect:` (no
    /// 100-continue round trip for form posts).
    private func headerList() -> UnsafeMutablePointer<curl_slist>? {
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        if !request.headers.contains(where: { $0.name.caseInsensitiveCompare("User-Agent") == .orderedSame }) {
            lines.append("User-Agent: \(configuration.userAgent)")
        }
        lines.append("Expect:")
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            list = curl_slist_append(list, line)
        }
        return list
    }

    /// Maps a failed `curl_easy_perform` to the client's error.
    private func error(for code: CURLcode) -> HTTPClientError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout(seconds: timeoutSeconds)
        case CURLE_ABORTED_BY_CALLBACK: return .cancelled
        case CURLE_FILESIZE_EXCEEDED: return .responseTooLarge(limitBytes: configuration.maxResponseBytes)
        case CURLE_WRITE_ERROR where exceededCap: return .responseTooLarge(limitBytes: configuration.maxResponseBytes)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: return .invalidURL(CurlTransfer.redacted(request.url))
        default:
            let summary = String(cString: curl_easy_strerror(code))
            let detail = String(cString: errorBuffer)
            return .transport(detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)")
        }
    }

    /// The URL without query or fragment, so an error never repeats a token passed in a query.
    static func redacted(_ url: String) -> String {
        String(url.prefix(while: { $0 != "?" && $0 != "#" }))
    }
}
