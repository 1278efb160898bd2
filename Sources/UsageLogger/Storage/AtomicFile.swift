import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a small file all at once: a temporary file in the same directory, fsync, rename, fsync the
/// directory. Readers see the old content or the new, never half of it; mode 0600 unless told otherwise. `durable:
/// false` skips the fsyncs, for small files rewritten often where a lost update after a crash is harmless.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String, durable: Bool = true, mode: mode_t = 0o600) throws {
        // A link planted at the path is left in place rather than replaced (the file it names is safe either way,
        // but the one who planted it would see where our state went).
        if let reason = FileSystem.refusal(at: path) { throw RefusedFile(path: path, reason: reason) }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = try SystemCall.retrying("create", path: temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
        do {
            defer { SystemCall.closeQuietly(descriptor) }
            try SystemCall.changeMode(descriptor, mode, path: temporary)
            try SystemCall.writeAll(descriptor, bytes, path: temporary)
            if durable { try SystemCall.retrying("fsync", path: temporary) { fsync(descriptor) } }
        } catch {
            SystemCall.removeQuietly(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = SystemCallError("rename", path: path)
            SystemCall.removeQuietly(temporary)
            throw failure
        }
        guard durable else { return }
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            SystemCall.closeQuietly(directoryDescriptor)
        }
    }
}
