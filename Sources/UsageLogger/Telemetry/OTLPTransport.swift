import CSystemShims

/// One OTLP/HTTP request: a POST of a JSON body with the configured headers, through the system's libcurl
/// (`ss_http_post`, loaded only when a push happens). Blocking, with a hard timeout; a failure is data, never thrown.
struct OTLPTransport: Sendable {
    /// How a request went.
    struct Response: Sendable, Equatable {
        /// The HTTP status; nil when no answer came (connection refused, timed out, libcurl missing).
        var status: Int?
        /// Why no answer came, or the start of the collector's answer to a refusal.
        var problem: String?
        /// Seconds the collector asked to wait (`Retry-After`), if it did.
        var retryAfter: Double?

        var isSuccess: Bool { status.map { (200..<300).contains($0) } ?? false }
        /// Worth sending again later: no answer, too many requests, the collector's own failure, or a redirect
        /// (not followed: the endpoint needs fixing, and the payloads wait for it).
        /// Kept and tried again later: the collector is busy, down or moved, or does not take our credentials
        /// now (an expired or rotated token, a proxy redeploying: 401, 403, 404). Only a payload it says it cannot
        /// take (400, 413, …) is dropped, that one alone.
        var isRetryable: Bool {
            status.map {
                [401, 403, 404, 408, 429].contains($0) || $0 >= 500 || $0 < 200 || (300..<400).contains($0)
            } ?? true
        }
    }

    /// `name: value` lines; their values are secrets and are passed to libcurl only.
    let headers: [(name: String, value: String)]

    init(headers: [(name: String, value: String)]) {
        self.headers = headers
    }

    /// POSTs `body` to `url` as `application/json`, giving up after `timeoutMs`.
    func post(_ body: [UInt8], to url: String, timeoutMs: Int) -> Response {
        let lines = ["Content-Type: application/json"] + headers.map { "\($0.name): \($0.value)" }
        var status = 0
        var retryAfter = -1
        var answer = [CChar](repeating: 0, count: 512)
        var answerLength = 0
        var error = [CChar](repeating: 0, count: 512)
        let result = withCStrings(lines) { pointers in
            body.withUnsafeBytes { bytes in
                answer.withUnsafeMutableBufferPointer { answerBuffer in
                    error.withUnsafeMutableBufferPointer { errorBuffer in
                        ss_http_post(
                            url, pointers, Int32(lines.count), bytes.baseAddress, bytes.count, max(1, timeoutMs),
                            &status, &retryAfter, answerBuffer.baseAddress, answerBuffer.count, &answerLength,
                            errorBuffer.baseAddress, errorBuffer.count)
                    }
                }
            }
        }
        guard result == 0 else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return Response(status: nil, problem: message.isEmpty ? "the request failed" : message)
        }
        var response = Response(status: status, retryAfter: retryAfter >= 0 ? Double(retryAfter) : nil)
        if !response.isSuccess {
            let bytes = answer.prefix(answerLength).map { UInt8(bitPattern: $0) }
            let text = String(decoding: bytes, as: UTF8.self)
                .split(whereSeparator: \.isNewline).joined(separator: " ")
            response.problem = text.isEmpty ? nil : String(text.prefix(200))
        }
        return response
    }

    /// Calls `body` with the strings as a C array of NUL-terminated strings, alive for the call.
    private func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result)
        -> Result
    {
        var storage: [CChar] = []
        var offsets: [Int] = []
        for string in strings {
            offsets.append(storage.count)
            storage += string.utf8CString
        }
        return storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in base.map { $0 + offset } }
            return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
        }
    }
}
