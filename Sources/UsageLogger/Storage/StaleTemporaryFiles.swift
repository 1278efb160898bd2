import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files `AtomicFile` leaves when it is killed between creating one and renaming it into place
/// (`state.json.tmp-PID-N`). Ours by name, removed once older than a minute: a younger one may be a write still
/// under way in another process.
enum StaleTemporaryFiles {
    static let minimumAge: TimeInterval = 60

    /// Removes the stale temporary files of `targets` (full paths of files replaced whole); returns their names.
    @discardableResult
    static func remove(of targets: [String], now: Date = Date()) -> [String] {
        let byDirectory = Dictionary(grouping: targets) { ($0 as NSString).deletingLastPathComponent }
        var removed: [String] = []
        for (directory, paths) in byDirectory {
            let prefixes = paths.map { ($0 as NSString).lastPathComponent + ".tmp-" }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names {
                guard let prefix = prefixes.first(where: { name.hasPrefix($0) }),
                    isTemporarySuffix(name.dropFirst(prefix.count))
                else { continue }
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
                    continue
                }
                #if canImport(Darwin)
                    let modified = info.st_mtimespec.tv_sec
                #else
                    let modified = info.st_mtim.tv_sec
                #endif
                guard now.timeIntervalSince1970 - Double(modified) > minimumAge else { continue }
                if unlink(path) == 0 { removed.append(name) }
            }
        }
        return removed
    }

    /// `PID-N`, the part `AtomicFile` adds after `.tmp-`.
    private static func isTemporarySuffix(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
