import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file at one of our paths that was left alone, and why.
struct RefusedFile: Error, CustomStringConvertible, Equatable {
    let path: String
    let reason: String

    var description: String { "refusing to use \(path): \(reason); move it away (it was left untouched)" }
}

/// A directory that exists but must not hold our files (another user's, or writable by others), and why.
struct UnsafeDirectory: Error, CustomStringConvertible, Equatable {
    let path: String
    let reason: String

    var description: String { reason }
}

/// The few file-system questions and actions storage needs, without following links where that matters.
enum FileSystem {
    enum Kind: Equatable { case missing, regular, directory, symbolicLink, other }

    /// What is at `path`, not following a final symbolic link.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Why a file at one of our paths must be left alone (never appended to, `chmod`ed, locked, read as ours or
    /// replaced), from its `stat`: nil for a regular file with one name. A second name (a hard link) means someone
    /// else's file would receive what we write, like a symlink would.
    static func refusal(_ info: stat) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return "it is a symbolic link"
        case S_IFDIR: return "it is a directory"
        default: return "it is a special file"
        }
        if info.st_uid != geteuid() {
            return "it belongs to uid \(info.st_uid), not to you (uid \(geteuid())), so its owner would see or "
                + "change what is written"
        }
        if info.st_nlink > 1 {
            return "it is a hard link (one of \(info.st_nlink) names of the same file), so another name would see "
                + "what is written"
        }
        return nil
    }

    /// Why an existing directory must not hold our files, from its `stat`: nil when it is ours and only we can
    /// write in it. Anyone who can write in it can swap a log for a link, or the lock for another file.
    static func directoryRefusal(_ path: String, _ info: stat) -> String? {
        if info.st_uid != geteuid() {
            return "it belongs to uid \(info.st_uid), not to you (uid \(geteuid())), so its owner could read, replace "
                + "or remove what is written there (chown it to yourself, or use a directory of your own)"
        }
        let mode = info.st_mode & 0o7777
        if mode & 0o022 != 0 {
            return "group or others can write it (mode \(String(mode, radix: 8))), so they could plant or swap files "
                + "in it (chmod go-w '\(path)', or use a directory of your own)"
        }
        return nil
    }

    /// `refusal` for what is at `path` now, not following a final symlink; nil when nothing is there.
    static func refusal(at path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return refusal(info)
    }

    /// Size in bytes of a regular file, 0 when missing.
    static func size(of path: String) -> Int64 {
        var info = stat()
        return lstat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// Creates `path` and any missing parents with `mode`, then makes the last one exactly `mode`; an existing
    /// `path` is used only if it is ours and only we can write in it (`UnsafeDirectory` otherwise).
    static func createDirectory(_ path: String, mode: mode_t) throws {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", kind(of: current) == .missing {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for directory in missing.reversed() where mkdir(directory, mode) != 0 && errno != EEXIST {
            throw SystemCallError("create directory", path: directory)
        }
        var info = stat()
        try SystemCall.retrying("stat", path: path) { stat(path, &info) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw SystemCallError("use as a directory", path: path, code: ENOTDIR)
        }
        // Exactly `mode` whatever the umask, for a directory we made; one that was there is refused if it is not
        // safe, never changed: it may be a directory the user keeps other things in.
        if missing.contains(path) {
            if info.st_mode & 0o7777 != mode { try SystemCall.retrying("chmod", path: path) { chmod(path, mode) } }
        } else if let reason = directoryRefusal(path, info) {
            throw UnsafeDirectory(path: path, reason: reason)
        }
        guard access(path, W_OK | X_OK) == 0 else { throw SystemCallError("write in", path: path) }
    }

    /// When a file was last written (seconds since 1970), not following a final symbolic link; nil when missing.
    static func modificationTime(of path: String) -> Double? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            return Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
            return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
    }

    /// Bytes available to us on the file system holding `path`, or nil if it cannot be told.
    static func availableBytes(at path: String) -> Int64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
