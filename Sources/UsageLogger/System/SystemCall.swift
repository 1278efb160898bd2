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

/// Thin wrappers over the system calls we need, the one place that retries `EINTR` and checks results.
enum SystemCall {
    /// Runs `body` until it stops failing with `EINTR`; throws for any other failure (a result of -1).
    @discardableResult
    static func retrying<T: BinaryInteger>(
        _ operation: String, path: String? = nil, _ body: () -> T
    ) throws(SystemCallError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            if errno == EINTR { continue }
            throw SystemCallError(operation, path: path)
        }
    }

    /// Runs `body` until it stops failing with `EINTR` and returns its result, -1 included (errno then tells why):
    /// for calls whose failure is an answer, not an error (a non-blocking read, `waitpid` with `WNOHANG`).
    static func retryingInterrupts<T: BinaryInteger>(_ body: () -> T) -> T {
        while true {
            let result = body()
            if result != -1 || errno != EINTR { return result }
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

    /// One `read` into `buffer`: the count, 0 at end of file, nil when nothing is ready on a non-blocking
    /// descriptor; throws for any other failure (EIO on a terminal nobody holds any more).
    static func readSome(_ descriptor: Int32, into buffer: inout [UInt8], limit: Int = .max) throws(SystemCallError)
        -> Int?
    {
        let count = retryingInterrupts {
            buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, min($0.count, max(0, limit))) }
        }
        if count >= 0 { return count }
        if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
        throw SystemCallError("read")
    }

    /// Waits up to `milliseconds` for `descriptor` to be readable (or at its end); false on timeout.
    static func waitReadable(_ descriptor: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return retryingInterrupts { poll(&entry, 1, max(0, milliseconds)) } > 0
    }

    /// Sleeps briefly between two checks of a child's state (interrupted early by a signal, which is fine).
    static func nap(microseconds: Int) {
        var interval = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1_000)
        _ = nanosleep(&interval, nil)
    }

    /// Makes reads and writes on `descriptor` return at once instead of blocking.
    static func setNonBlocking(_ descriptor: Int32) throws(SystemCallError) {
        let flags = try retrying("fcntl") { fcntl(descriptor, F_GETFL) }
        try retrying("fcntl") { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Sets the close-on-exec flag of `descriptor`.
    static func setCloseOnExec(_ descriptor: Int32) throws(SystemCallError) {
        try retrying("fcntl") { fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    }

    /// Sets the permission bits of an open file (umask-proof).
    static func changeMode(_ descriptor: Int32, _ mode: mode_t, path: String? = nil) throws(SystemCallError) {
        try retrying("chmod", path: path) { fchmod(descriptor, mode) }
    }

    /// Cuts an open file back to `length` bytes; false when that failed too (the caller then says so).
    static func truncate(_ descriptor: Int32, to length: off_t) -> Bool {
        retryingInterrupts { ftruncate(descriptor, length) } == 0
    }

    /// Removes a file, ignoring errors: for temporary files whose removal is a courtesy.
    static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    /// Closes a descriptor, ignoring errors: nothing useful can be done about a failed close here.
    static func closeQuietly(_ descriptor: Int32) {
        if descriptor >= 0 { _ = close(descriptor) }
    }
}
