import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends complete JSON lines to the logs, safely with other writers: every append takes the log's sidecar
/// lock, opens the file `O_APPEND|O_NOFOLLOW`, forces 0600, makes sure it ends with a newline (a killed writer
/// may have left a partial line), decides rotation under the lock, writes the lines in one loop and, if that
/// fails part-way, cuts the file back to where it was. Open-write-close
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
        /// The file did not end with a newline (a writer was killed mid-append) and was repaired first.
        public var repairedTail: TailRepair?
        /// `hybrid` storage: the record is in the JSONL log but the database refused it (`RecordSink`).
        public var databaseFailure: DatabaseError?
    }

    /// How a last line without its newline was made whole.
    public enum TailRepair: Sendable, Equatable {
        /// A fragment of a record: cut back to the last complete line, `bytes` dropped.
        case cutBack(bytes: Int64)
        /// A whole record that lacked only its newline: the newline was added.
        case ended
    }

    public func path(of log: LogName) -> String { LogPaths(directory: directory).log(log) }

    /// Appends `lines` (each one JSON object, no newline) to `log`. With `lockWaitMs`, waits at most that long
    /// for another writer's lock and then gives up (`cannotOpen`), for callers that must never wait (the
    /// statusline); without, waits as long as it takes.
    @discardableResult
    public func append(_ lines: [String], to log: LogName, lockWaitMs: Int? = nil) throws(LogWriteError) -> Report {
        guard !lines.isEmpty else { return Report() }
        // Made before the lock is taken, so that other writers (the statusline among them) wait only for the write.
        let encoded = lines.map { Array(($0 + "\n").utf8) }
        let path = path(of: log)
        let lockPath = LogPaths(directory: directory).lock(of: log)
        let taken: FileLock?
        do {
            taken =
                try lockWaitMs.map { try FileLock.acquire(lockPath, waitingAtMostMilliseconds: $0) }
                ?? FileLock.acquire(lockPath)
        } catch let refused as RefusedFile {
            throw .refused(path: lockPath, reason: refused.reason)
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
        var file = try LogFile(path: path)
        report.tightenedPermissions = file.tightenedPermissions
        // Before rotation, so a torn line never moves into `file.1` where no writer would repair it.
        report.repairedTail = try file.repairTail()
        // Rotation inside the batch too: a file never grows past `maxSize` unless one line alone is larger.
        var pending: [UInt8] = []
        for line in encoded {
            if Int64(file.size) + Int64(pending.count + line.count) > maxSize,
                Int64(file.size) + Int64(pending.count) > 0
            {
                if !pending.isEmpty { try file.append(pending) }
                pending = []
                try rotate(path)
                report.rotated = true
                file = try LogFile(path: path)
            }
            pending += line
        }
        try file.append(pending)
        return report
    }

    /// `file.N-1` → `file.N` … `file` → `file.1`; renaming onto `file.maxFiles` drops the oldest. Only the indices
    /// that exist are shifted, found by listing the directory once: the cost follows the files kept, not
    /// `maxFiles` (ten million allowed must not mean ten million `stat`s while every writer waits).
    private func rotate(_ path: String) throws(LogWriteError) {
        for index in rotatedIndices(of: path).filter({ $0 < maxFiles }).sorted(by: >) {
            let from = "\(path).\(index)"
            guard rename(from, "\(path).\(index + 1)") == 0 else {
                throw .writeFailed(path: from, reason: "rotation failed: " + LogWriteError.reason(errno))
            }
        }
        guard rename(path, path + ".1") == 0 else {
            throw .writeFailed(path: path, reason: "rotation failed: " + LogWriteError.reason(errno))
        }
    }

    /// The N of every `file.N` beside `path`.
    private func rotatedIndices(of path: String) -> [Int] {
        let prefix = (path as NSString).lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name in
            guard name.hasPrefix(prefix), let index = Int(name.dropFirst(prefix.count)), index > 0,
                "\(index)" == name.dropFirst(prefix.count)
            else { return nil }
            return index
        }
    }
}
