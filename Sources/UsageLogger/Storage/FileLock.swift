import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a lock file that is never renamed or deleted, so every process agrees on it.
/// Released when the value is released or `unlock()` is called; a process that dies releases it too.
final class FileLock {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { unlock() }

    /// Waits for the lock.
    static func acquire(_ path: String) throws -> FileLock {
        let lock = try openLockFile(path)
        try SystemCall.retrying("lock", path: path) { flock(lock.descriptor, LOCK_EX) }
        return lock
    }

    /// Takes the lock if nobody holds it; nil when another process does.
    static func tryAcquire(_ path: String) throws -> FileLock? {
        let lock = try openLockFile(path)
        guard SystemCall.retryingInterrupts({ flock(lock.descriptor, LOCK_EX | LOCK_NB) }) == 0 else {
            if errno == EWOULDBLOCK { return nil }
            throw SystemCallError("lock", path: path)
        }
        return lock
    }

    /// Takes the lock, waiting at most `milliseconds` for another holder to let go; nil when it is still held
    /// then. For the statusline, which must never wait long: `flock` itself has no time limit, so this tries
    /// without blocking and naps between tries (1 ms, growing to 4 ms).
    static func acquire(_ path: String, waitingAtMostMilliseconds milliseconds: Int) throws -> FileLock? {
        let lock = try openLockFile(path)
        let deadline = MonotonicClock.nowMilliseconds() + Int64(max(0, milliseconds))
        var nap = 1_000
        while SystemCall.retryingInterrupts({ flock(lock.descriptor, LOCK_EX | LOCK_NB) }) != 0 {
            guard errno == EWOULDBLOCK else { throw SystemCallError("lock", path: path) }
            let remaining = deadline - MonotonicClock.nowMilliseconds()
            guard remaining > 0 else { return nil }
            SystemCall.nap(microseconds: min(nap, Int(remaining) * 1_000))
            nap = min(nap * 2, 4_000)
        }
        return lock
    }

    /// Takes over a lock descriptor inherited from the process that acquired the lock for us; fails unless it
    /// really holds an exclusive lock on `path`.
    static func adopt(_ descriptor: Int32, path: String) throws -> FileLock {
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino,
            held.st_dev == named.st_dev, flock(descriptor, LOCK_EX | LOCK_NB) == 0
        else { throw SystemCallError("adopt lock", path: path, code: EBADF) }
        try SystemCall.setCloseOnExec(descriptor)
        return FileLock(path: path, descriptor: descriptor)
    }

    /// Whether the lock file at `path` is still the file we hold the lock on (same device and inode). It is not
    /// when the directory was deleted, or deleted and recreated: another process can then take a lock at the path
    /// while ours, on a file that no longer has that name, guards nothing.
    var isStillAtPath: Bool {
        var held = stat()
        var named = stat()
        return descriptor >= 0 && fstat(descriptor, &held) == 0 && lstat(path, &named) == 0
            && held.st_ino == named.st_ino && held.st_dev == named.st_dev
    }

    /// The descriptor, to hand the lock to a child process.
    var fileDescriptor: Int32 { descriptor }

    /// Records our pid in the lock file, so others can say who holds it.
    func recordHolder() {
        // Written over the old content, then trimmed: a reader never sees the file empty.
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        if written == text.count { _ = ftruncate(descriptor, off_t(text.count)) }
    }

    /// The pid written by the holder, if any.
    static func holder(of path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Closes our descriptor without `LOCK_UN`: after handing the lock to a child, which shares the open file
    /// description, unlocking would release the child's lock too.
    func closeKeepingLock() {
        SystemCall.closeQuietly(descriptor)
        descriptor = -1
    }

    func unlock() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        SystemCall.closeQuietly(descriptor)
        descriptor = -1
    }

    private static func openLockFile(_ path: String) throws -> FileLock {
        let descriptor = try SystemCall.retrying("open lock file", path: path) {
            open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }
        let lock = FileLock(path: path, descriptor: descriptor)
        // Checked before anything is done to it: a pid is written into a lock file, and it is made 0600.
        var info = stat()
        try SystemCall.retrying("stat", path: path) { fstat(descriptor, &info) }
        if let reason = FileSystem.refusal(info) { throw RefusedFile(path: path, reason: reason) }
        try SystemCall.changeMode(descriptor, 0o600, path: path)
        return lock
    }
}
