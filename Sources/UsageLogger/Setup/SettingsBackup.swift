import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The copies setup keeps of Claude Code's settings before it changes them: `settings.json.usage-logger-backup-
/// 20261130T074132.123Z` beside the file (0600, never overwritten), or the same name ending in `-none` when there
/// was no file. `--undo` restores the newest and removes it, so a second `--undo` goes one change further back;
/// what it replaces is kept as `settings.json.usage-logger-undone-…`, so an undo can be undone by hand.
enum SettingsBackup {
    static let marker = ".usage-logger-backup-"
    static let undoneMarker = ".usage-logger-undone-"
    /// Ends the name of a backup taken when there was no settings file: restoring it removes the file.
    static let absentSuffix = "-none"

    /// Keeps `bytes` (nil: there was no file) beside `path` under a new name; returns that name.
    static func save(_ bytes: [UInt8]?, besides path: String, marker: String = marker, at date: Date) throws(SetupError)
        -> String
    {
        let stamp = Timestamp.string(from: date).filter { $0 != "-" && $0 != ":" }
        let base = path + marker + stamp + (bytes == nil ? absentSuffix : "")
        for attempt in 0..<100 {
            let candidate = attempt == 0 ? base : base + ".\(attempt)"
            let descriptor = SystemCall.retryingInterrupts {
                open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            }
            if descriptor < 0, errno == EEXIST { continue }
            guard descriptor >= 0 else { throw .io(SystemCallError("create", path: candidate).description) }
            defer { SystemCall.closeQuietly(descriptor) }
            do {
                try SystemCall.changeMode(descriptor, 0o600, path: candidate)
                try SystemCall.writeAll(descriptor, bytes ?? [], path: candidate)
                try SystemCall.retrying("fsync", path: candidate) { fsync(descriptor) }
            } catch {
                SystemCall.removeQuietly(candidate)
                throw .io("\(error)")
            }
            return candidate
        }
        throw .io("cannot name a backup of \(path): \(base) and 99 more are taken")
    }

    /// The backups of `path`, oldest first.
    static func all(besides path: String) -> [String] {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + marker
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted { order($0) < order($1) }.map { directory + "/" + $0 }
    }

    /// A backup's name without the `-none` mark, so that the time alone orders them.
    private static func order(_ name: String) -> String {
        name.replacingOccurrences(of: absentSuffix, with: "")
    }

    /// Whether `backup` records that there was no settings file.
    static func isAbsent(_ backup: String) -> Bool {
        backup.hasSuffix(absentSuffix) || backup.range(of: absentSuffix + ".") != nil
    }
}
