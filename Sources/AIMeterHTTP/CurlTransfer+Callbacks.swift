import CCurl
import Foundation

// The libcurl callbacks. They are C function pointers, so they cannot capture anything: each
// finds its ``CurlTransfer`` through the opaque `*DATA` pointer set in `configure`.

extension CurlTransfer {
    /// Appends body bytes; returns false (abort) once the cap would be exceeded.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= configuration.maxResponseBytes else {
            exceededCap = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Records one header line; a status line starts a new header block, so only the final
    /// response's headers remain after redirects, 100-continue or proxy CONNECT answers.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if !name.isEmpty { headers.append((name, value)) }
    }
}

private func transfer(_ pointer: UnsafeMutableRawPointer?) -> CurlTransfer? {
    pointer.map { Unmanaged<CurlTransfer>.fromOpaque($0).takeUnretainedValue() }
}

/// libcurl callback (see the file comment).
let curlWriteCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let transfer = transfer(context) else { return 0 }
    let length = size * count
    guard length > 0, let data else { return 0 }
    // Returning anything other than `length` makes libcurl abort with CURLE_WRITE_ERROR.
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// libcurl callback (see the file comment).
let curlHeaderCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    let length = size * count
    guard let transfer = transfer(context), let data else { return length }
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

/// libcurl callback (see the file comment).
let curlProgressCallback: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
    context, _, _, _, _ in
    // Non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
    (transfer(context)?.isCancelled ?? false) ? 1 : 0
}
