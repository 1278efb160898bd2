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
    /// The write failed (disk full, file too large, I/O error); the file was cut back, no partial line remains.
    case writeFailed(path: String, reason: String)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .notARegularFile(let path, let what):
            "refusing to write \(path): it is \(what), not a regular file; move it away (it was left untouched)"
        case .refused(let path, let reason):
            "refusing to write \(path): \(reason); move it away (it was left untouched)"
        case .lowSpace(let path, let available, let minimum):
            "not writing \(path): only \(ByteCount.text(available)) free, less than PET_LOG_MIN_FREE="
                + "\(ByteCount.text(minimum)); writing resumes by itself once space is freed"
        case .writeFailed(let path, let reason):
            "could not write \(path): \(reason); the file was cut back so no partial line remains"
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason)"
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
