import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and updates `state.json` under its own lock, so concurrent `once` runs never lose an update. A state
/// file that cannot be read or saved is reported, never taken for an empty one: that would make every known
/// diagnostic "appear" again on every run. What it saves passes the privacy options, like every record (known
/// diagnostics name paths and addresses).
public struct StateStore: Sendable {
    public let directory: String
    public let privacy: RecordPrivacy
    var path: String { LogPaths(directory: directory).state }

    /// Why the state file could not be used.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// It cannot be read (not a regular file, no permission, an I/O error); it is left as it is.
        case unreadable(path: String, reason: String)
        /// It could not be saved (a full disk, an unwritable directory, a file that cannot be replaced).
        case unsaved(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .unsaved(let path, let reason): "cannot save \(path): \(reason)"
            }
        }
    }

    /// A file larger than this is not a state file of ours.
    static let sizeLimit = 4 << 20

    public init(directory: String, privacy: RecordPrivacy = RecordPrivacy()) {
        self.directory = directory
        self.privacy = privacy
    }

    /// The state; empty when there is none yet, and also when it cannot be read (for `--due`, where running a
    /// probe too often is the safe side).
    public func load() -> LoggerState {
        (try? read()) ?? LoggerState()
    }

    /// The state: empty when the file does not exist; nil when it exists but is not valid JSON.
    func read() throws(Problem) -> LoggerState? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT { return LoggerState() }
            throw .unreadable(
                path: path, reason: errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        defer { SystemCall.closeQuietly(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if let reason = FileSystem.refusal(info) { throw .unreadable(path: path, reason: reason) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= Self.sizeLimit {
            let count: Int?
            do { count = try SystemCall.readSome(descriptor, into: &buffer) } catch {
                throw .unreadable(path: path, reason: "\(error)")
            }
            guard let count, count > 0 else { break }
            bytes += buffer[0..<count]
        }
        guard bytes.count <= Self.sizeLimit, let json = try? JSONParser.parse(bytes) else { return nil }
        // In the form it is saved in, so a file written before a privacy option was turned on compares like one
        // written after.
        return LoggerState(json: privacy.apply(json))
    }

    /// Applies `change` to the stored state atomically and returns what `change` returned. When `change`
    /// throws, nothing is saved. A file that is not valid JSON is replaced: `change` gets an empty state and
    /// `wasReset` true. One that cannot be read is left alone (`Problem.unreadable`); one that cannot be saved
    /// throws `Problem.unsaved`.
    public func update<T>(_ change: (inout LoggerState, _ wasReset: Bool) throws -> T) throws -> T {
        let lock: FileLock
        do { lock = try FileLock.acquire(LogPaths(directory: directory).stateLock) } catch {
            throw Problem.unsaved(path: path, reason: "\(error)")
        }
        defer { lock.unlock() }
        StaleTemporaryFiles.remove(of: LogPaths(directory: directory).replacedWhole)
        let stored = try read()
        var state = stored ?? LoggerState()
        let result = try change(&state, stored == nil)
        do {
            try AtomicFile.write(Array((privacy.apply(state.json).prettySerialized() + "\n").utf8), to: path)
        } catch {
            throw Problem.unsaved(path: path, reason: "\(error)")
        }
        return result
    }

    /// `update` for changes that do not care whether the file was replaced.
    public func update<T>(_ change: (inout LoggerState) throws -> T) throws -> T {
        try update { state, _ in try change(&state) }
    }
}
