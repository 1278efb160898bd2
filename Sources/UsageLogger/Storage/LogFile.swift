#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One log file opened for an append, under its lock: opened `O_APPEND|O_NOFOLLOW`, checked to be a regular
/// file, forced to 0600, its last line made whole, then written in one loop. Closed when released.
final class LogFile {
    let path: String
    private let descriptor: Int32
    /// The size the next append starts at.
    private(set) var size: off_t
    /// The file had other permissions than 0600 and was set back.
    let tightenedPermissions: Bool

    /// A fragment longer than this is cut back without trying to read it as a record.
    static let wholeRecordLimit: off_t = 4 << 20

    init(path: String) throws(LogWriteError) {
        self.path = path
        // Read and write: repairing the last line needs to read it.
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .notARegularFile(path: path, what: "a symbolic link") }
            throw .cannotOpen(path: path, reason: LogWriteError.reason(errno))
        }
        self.descriptor = descriptor
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            SystemCall.closeQuietly(descriptor)
            throw .notARegularFile(path: path, what: "not a regular file")
        }
        if let reason = FileSystem.refusal(info) {
            SystemCall.closeQuietly(descriptor)
            throw .refused(path: path, reason: reason)
        }
        size = off_t(info.st_size)
        tightenedPermissions = info.st_mode & 0o777 != 0o600
        if tightenedPermissions {  // umask-proof, and undoes a chmod by someone else
            do { try SystemCall.changeMode(descriptor, 0o600, path: path) } catch {
                SystemCall.closeQuietly(descriptor)
                throw .cannotOpen(path: path, reason: "its permissions cannot be set to 0600: \(error)")
            }
        }
    }

    deinit { SystemCall.closeQuietly(descriptor) }

    /// Makes the file end with a newline, so the next record starts a line of its own. A writer killed mid-append
    /// (or a power loss) leaves a fragment of a line: it is cut back to the last complete line, losing only bytes
    /// that never formed a record. A last line that is a whole JSON object and lacks only its newline is ended
    /// instead: a proper prefix of a JSON object is never a JSON object, so that line was complete.
    func repairTail() throws(LogWriteError) -> LogWriter.TailRepair? {
        guard size > 0, try byte(at: size - 1) != 0x0A else { return nil }
        let lineStart = try startOfLastLine()
        let length = size - lineStart
        if length <= Self.wholeRecordLimit,
            case .object? = try? JSONParser.parse(try bytes(at: lineStart, count: length))
        {
            try append([0x0A])
            return .ended
        }
        guard SystemCall.truncate(descriptor, to: lineStart) else {
            throw .writeFailed(
                path: path, reason: "its partial last line cannot be cut back: " + LogWriteError.reason(errno))
        }
        size = lineStart
        return .cutBack(bytes: Int64(length))
    }

    /// Writes `bytes` at the end; if that fails part-way, cuts the file back to where it was.
    func append(_ bytes: [UInt8]) throws(LogWriteError) {
        do {
            try SystemCall.writeAll(descriptor, bytes, path: path)
            size += off_t(bytes.count)
        } catch {
            let code = (error as? SystemCallError)?.code ?? EIO
            // Said as it is: nothing landed, the bytes that did were cut off, or they could not be.
            var info = stat()
            let grew = fstat(descriptor, &info) != 0 || off_t(info.st_size) > size
            let cleanup: LogWriteError.Cleanup =
                !grew ? .nothingToUndo : SystemCall.truncate(descriptor, to: size) ? .cutBack : .cutBackFailed
            throw .writeFailed(path: path, reason: LogWriteError.reason(code), cleanup: cleanup)
        }
    }

    /// The offset just past the last newline before `size`, 0 when there is none: read backwards in chunks, so a
    /// long file costs only its last line.
    private func startOfLastLine() throws(LogWriteError) -> off_t {
        let chunk: off_t = 65_536
        var end = size
        while end > 0 {
            let start = max(0, end - chunk)
            let bytes = try bytes(at: start, count: end - start)
            if let newline = bytes.lastIndex(of: 0x0A) { return start + off_t(newline) + 1 }
            end = start
        }
        return 0
    }

    private func byte(at offset: off_t) throws(LogWriteError) -> UInt8 {
        try bytes(at: offset, count: 1)[0]
    }

    private func bytes(at offset: off_t, count: off_t) throws(LogWriteError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: Int(count))
        var done = 0
        while done < buffer.count {
            let read = SystemCall.retryingInterrupts {
                buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return pread(descriptor, base + done, raw.count - done, offset + off_t(done))
                }
            }
            guard read > 0 else {
                throw .cannotOpen(
                    path: path, reason: "it cannot be read: " + LogWriteError.reason(read < 0 ? errno : EIO))
            }
            done += read
        }
        return buffer
    }
}
