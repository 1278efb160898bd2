#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends complete JSON lines to the logs, safely with other writers: every append takes the log's sidecar
/// lock, decides rotation from the file system under it, opens the file `O_APPEND|O_NOFOLLOW`, forces 0600,
/// writes the lines in one loop and, if that fails part-way, cuts the file back to where it was. Open-write-close
/// per append is the simplest correct design at a record a minute, and survives anyone rotating the file.
/// Logs must live on a local file system: `flock` is not reliable over NFS.
public struct LogWriter: Sendable {
    public let directory: String
    public let maxSize: Int64
    public let maxFiles: Int
    public let minimumFreeSpace: Int64
    public let warnFreeSpace: Int64

    public init(directory: String, maxSize: Int64, maxFiles: Int, minimumFreeSpace: Int64 = 0, warnFreeSpace: Int64 = 0)
    {
        self.directory = directory
        self.maxSize = maxSize
        self.maxFiles = maxFiles
        self.minimumFreeSpace = minimumFreeSpace
        self.warnFreeSpace = warnFreeSpace
    }

    public init(directory: String, configuration: Configuration) {
        self.init(
            directory: directory, maxSize: configuration.maxSize, maxFiles: configuration.maxFiles,
            minimumFreeSpace: configuration.minimumFreeSpace, warnFreeSpace: configuration.warnFreeSpace)
    }

    /// What an append noticed besides writing.
    public struct Report: Sendable, Equatable {
        /// The file had wider permissions and was set back to 0600.
        public var tightenedPermissions = false
        public var rotated = false
        /// Free space is below the warning mark (but above the minimum).
        public var lowSpace: Int64?
    }

    public func path(of log: LogName) -> String { LogPaths(directory: directory).log(log) }

    /// Appends `lines` (each one JSON object, no newline) to `log`. With `lockWaitMs`, waits at most that long
    /// for another writer's lock and then gives up (`cannotOpen`), for callers that must never wait (the
    /// statusline); without, waits as long as it takes.
    @discardableResult
    public func append(_ lines: [String], to log: LogName, lockWaitMs: Int? = nil) throws(LogWriteError) -> Report {
        guard !lines.isEmpty else { return Report() }
        let path = path(of: log)
        let lockPath = LogPaths(directory: directory).lock(of: log)
        let taken: FileLock?
        do {
            taken =
                try lockWaitMs.map { try FileLock.acquire(lockPath, waitingAtMostMilliseconds: $0) }
                ?? FileLock.acquire(lockPath)
        } catch {
            throw .cannotOpen(path: lockPath, reason: "\(error)")
        }
        guard let lock = taken else {
            throw .cannotOpen(path: lockPath, reason: "another process holds it; nothing was written")
        }
        defer { lock.unlock() }
        var report = Report()
        if let available = FileSystem.availableBytes(at: directory) {
            if available < minimumFreeSpace {
                throw .lowSpace(path: path, available: available, minimum: minimumFreeSpace)
            }
            if available < warnFreeSpace { report.lowSpace = available }
        }
        switch FileSystem.kind(of: path) {
        case .missing, .regular: break
        case .symbolicLink: throw .notARegularFile(path: path, what: "a symbolic link")
        case .directory: throw .notARegularFile(path: path, what: "a directory")
        case .other: throw .notARegularFile(path: path, what: "a special file")
        }
        if FileSystem.size(of: path) >= maxSize {
            try rotate(path)
            report.rotated = true
        }
        report.tightenedPermissions = try write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
        return report
    }

    /// `file.N-1` → `file.N` … `file` → `file.1`; renaming onto `file.maxFiles` drops the oldest.
    private func rotate(_ path: String) throws(LogWriteError) {
        for index in stride(from: maxFiles - 1, through: 1, by: -1) {
            let from = "\(path).\(index)"
            if FileSystem.kind(of: from) != .missing, rename(from, "\(path).\(index + 1)") != 0 {
                throw .writeFailed(path: from, reason: "rotation failed: " + LogWriteError.reason(errno))
            }
        }
        guard rename(path, path + ".1") == 0 else {
            throw .writeFailed(path: path, reason: "rotation failed: " + LogWriteError.reason(errno))
        }
    }

    /// Returns whether permissions had to be tightened.
    private func write(_ bytes: [UInt8], to path: String) throws(LogWriteError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .notARegularFile(path: path, what: "a symbolic link") }
            throw .cannotOpen(path: path, reason: LogWriteError.reason(errno))
        }
        defer { SystemCall.closeQuietly(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .notARegularFile(path: path, what: "not a regular file")
        }
        let wider = info.st_mode & 0o777 != 0o600
        if wider {  // umask-proof, and undoes a chmod by someone else
            do { try SystemCall.changeMode(descriptor, 0o600, path: path) } catch {
                throw .cannotOpen(path: path, reason: "its permissions cannot be set to 0600: \(error)")
            }
        }
        let start = off_t(info.st_size)
        do {
            try SystemCall.writeAll(descriptor, bytes, path: path)
        } catch {
            let code = (error as? SystemCallError)?.code ?? EIO
            _ = SystemCall.truncate(descriptor, to: start)
            throw .writeFailed(path: path, reason: LogWriteError.reason(code))
        }
        return wider
    }
}
