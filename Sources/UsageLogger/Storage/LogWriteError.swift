import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a record could not be written, in words that say what to do.
public enum LogWriteError: Error, CustomStringConvertible, Equatable {
    /// Something other than a regular file sits at a log path (a planted symlink, a directory).
    case notARegularFile(path: String, what: String)
    /// A file at a log path that must not be written (a hard link); `reason` says why.
    case refused(path: String, reason: String)
    /// Too little free space: writing is paused until it returns.
    case lowSpace(path: String, available: Int64, minimum: Int64)
    /// The write failed (disk full, file too large, I/O error, a failed rotation); `cleanup` says what became of
    /// the bytes that did land.
    case writeFailed(path: String, reason: String, cleanup: Cleanup = .nothingToUndo)
    case cannotOpen(path: String, reason: String)
    /// The SQLite database refused the record (`PET_LOG_STORAGE_TYPE=sqlite`, where it is the only store).
    case database(DatabaseError)

    /// What was done about a write that failed part-way.
    public enum Cleanup: Sendable, Equatable {
        /// Nothing had been written.
        case nothingToUndo
        /// The file was cut back to where it was: no partial line remains.
        case cutBack
        /// Cutting back failed too: the file may end in a partial line until the next write repairs it.
        case cutBackFailed
    }

    public var description: String {
        switch self {
        case .notARegularFile(let path, let what):
            "refusing to write \(path): it is \(what), not a regular file; move it away (it was left untouched)"
        case .refused(let path, let reason):
            "refusing to write \(path): \(reason); move it away (it was left untouched)"
        case .lowSpace(let path, let available, let minimum):
            "not writing \(path): only \(ByteCount.text(available)) free, less than PET_LOG_MIN_FREE="
                + "\(ByteCount.text(minimum)); writing resumes by itself once space is freed"
        case .writeFailed(let path, let reason, .nothingToUndo):
            "could not write \(path): \(reason)"
        case .writeFailed(let path, let reason, .cutBack):
            "could not write \(path): \(reason); the file was cut back so no partial line remains"
        case .writeFailed(let path, let reason, .cutBackFailed):
            "could not write \(path): \(reason); cutting it back failed too, so it may end in a partial line "
                + "(the next write cuts it off)"
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason)"
        case .database(let error):
            error.description
        }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "the disk is full"
        case EFBIG: "the file size limit was reached"
        case EDQUOT: "the disk quota is exhausted"
        default: String(cString: strerror(code))
        }
    }
}
