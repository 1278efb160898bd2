#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call: which operation, on what, and the C library's explanation.
public struct SystemCallError: Error, CustomStringConvertible, Equatable {
    public let operation: String
    public let path: String?
    public let code: Int32

    public init(_ operation: String, path: String? = nil, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        let reason = String(cString: strerror(code))
        if let path { return "\(operation) \(path): \(reason)" }
        return "\(operation): \(reason)"
    }
}

/// Thin wrappers over the few system calls we need: `EINTR` is retried, failures throw.
enum SystemCall {
    /// Runs `body` until it stops failing with `EINTR`; throws for any other failure (a result of -1).
    @discardableResult
    static func retrying<T: BinaryInteger>(
        _ operation: String, path: String? = nil, _ body: () -> T
    ) throws -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            if errno == EINTR { continue }
            throw SystemCallError(operation, path: path)
        }
    }

    /// Writes all of `bytes` to `descriptor`, looping over partial writes.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String? = nil) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return buffer.count }
                return try retrying("write", path: path) { write(descriptor, base + offset, buffer.count - offset) }
            }
            offset += written
        }
    }

    /// Closes a descriptor, ignoring errors: nothing useful can be done about a failed close here.
    static func closeQuietly(_ descriptor: Int32) {
        if descriptor >= 0 { _ = close(descriptor) }
    }
}
