#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a small file whole, never more than a cap: for files on the statusline's path (its session file, the
/// config file, a `Package.swift`), which must not cost seconds and gigabytes when someone makes them huge, and
/// must not hang when they are a FIFO.
enum BoundedFile {
    enum Contents: Equatable {
        case missing
        /// Not a regular file (a FIFO, a device, a directory): not read at all.
        case notRegular
        /// Larger than the cap (its size in bytes as far as it was read or stat says).
        case tooLarge(Int64)
        case bytes([UInt8])
    }

    /// The file's bytes when it is a regular file of at most `maximumBytes`. `open` is non-blocking, so a FIFO
    /// at the path returns at once; the size is checked with `fstat` on the open file and again while reading,
    /// in case the file grows.
    static func read(_ path: String, maximumBytes: Int) throws(SystemCallError) -> Contents {
        let descriptor = SystemCall.retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .missing }
            throw SystemCallError("open", path: path)
        }
        defer { SystemCall.closeQuietly(descriptor) }
        var info = stat()
        try SystemCall.retrying("stat", path: path) { fstat(descriptor, &info) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notRegular }
        guard Int64(info.st_size) <= Int64(maximumBytes) else { return .tooLarge(Int64(info.st_size)) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: min(maximumBytes + 1, 65_536))
        while bytes.count <= maximumBytes {
            guard let count = try SystemCall.readSome(descriptor, into: &buffer, limit: maximumBytes + 1 - bytes.count),
                count > 0
            else { break }
            bytes += buffer[0..<count]
        }
        return bytes.count > maximumBytes ? .tooLarge(Int64(bytes.count)) : .bytes(bytes)
    }
}
