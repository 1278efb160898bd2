#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one file line by line through a fixed buffer (`read(2)` of 256 KiB at a time), so memory stays the same
/// whatever the file's size. A line longer than the buffer grows it up to `maximumLineLength`; a longer one is
/// passed over (and reported as `oversized`) without being held. Owns its descriptor, hence a class.
final class LineReader {
    static let bufferSize = 256 * 1024
    static let maximumLineLength = 8 * 1024 * 1024

    let path: String
    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0  // first byte not yet returned
    private var end = 0  // end of the bytes read
    private var scanned = 0  // bytes from `start` known to hold no newline
    private var atEnd = false
    private var discarding = false
    /// Whether the line `next()` returned last ended with a newline (the last line of a file may not, yet).
    private(set) var lastLineEnded = true

    /// The file's lines; nil when it does not exist (a rotated file renamed away since the directory was listed).
    /// `noFollow` refuses a symbolic link at the last component (`ELOOP`), for paths someone else hands us.
    init?(path: String, noFollow: Bool = false) throws(ReportReadError) {
        self.path = path
        var opened: Int32
        let flags = O_RDONLY | O_CLOEXEC | (noFollow ? O_NOFOLLOW | O_NONBLOCK : 0)
        repeat { opened = open(path, flags) } while opened < 0 && errno == EINTR
        if opened < 0 {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = opened
        capacity = Self.bufferSize
        buffer = .allocate(capacity: capacity)
        #if os(Linux)
            _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    /// The file's identity (device and inode) as opened: the same file whatever it is renamed to.
    var identity: FileIdentity? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileIdentity(info)
    }

    /// Goes on reading from `offset` bytes into the file (a place an earlier read stopped at).
    func skip(to offset: Int64) {
        _ = lseek(descriptor, off_t(offset), SEEK_SET)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// What `next()` found.
    enum Line {
        /// A line without its newline, valid until the next call.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line longer than `maximumLineLength`, passed over.
        case oversized
    }

    /// The next line (the last one may lack its newline), or nil at the end of the file.
    func next() throws(ReportReadError) -> Line? {
        while true {
            let searchFrom = start + scanned
            if searchFrom < end, let found = memchr(buffer + searchFrom, 0x0A, end - searchFrom) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let line = UnsafeBufferPointer(start: buffer + start, count: newline - start)
                start = newline + 1
                scanned = 0
                lastLineEnded = true
                if discarding {
                    discarding = false
                    return .oversized
                }
                return .text(line)
            }
            scanned = end - start
            if atEnd {
                guard start < end || discarding else { return nil }
                let line = UnsafeBufferPointer(start: buffer + start, count: end - start)
                start = end
                scanned = 0
                lastLineEnded = false
                if discarding {
                    discarding = false
                    return .oversized
                }
                return .text(line)
            }
            try fill()
        }
    }

    /// Makes room (moving the partial line to the front, growing for a long line, or dropping an oversized one)
    /// and reads more.
    private func fill() throws(ReportReadError) {
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.update(from: buffer + start, count: pending) }
            start = 0
            end = pending
        }
        if end == capacity {
            if capacity >= Self.maximumLineLength {
                discarding = true
                start = 0
                end = 0
                scanned = 0
            } else {
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                grown.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = grown
                capacity *= 2
            }
        }
        var count: Int
        repeat { count = read(descriptor, buffer + end, capacity - end) } while count < 0 && errno == EINTR
        guard count >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if count == 0 { atEnd = true }
        end += count
    }
}
