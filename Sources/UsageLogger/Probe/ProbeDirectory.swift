import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dedicated directory `claude` runs in, so that it never starts inside a user's project, and the clean-up
/// of the transcripts its probe sessions leave under Claude Code's `projects/` folder.
public struct ProbeDirectory: Sendable {
    /// The directory as configured.
    public let path: String

    public init(path: String) { self.path = path }

    /// Marks a directory as usage-logger's own. Only there do we accept Claude Code's folder-trust prompt.
    static let markerName = ".usage-logger-probe"

    /// Creates the directory with its parents, mode 0700, and returns its real path (what `claude` sees as cwd)
    /// and whether it is dedicated to probes: created by us, or empty when first used (then marked).
    public func prepare() throws -> (realPath: String, isDedicated: Bool) {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var info = stat()
        try SystemCall.retrying("lstat", path: path) { lstat(path, &info) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw SystemCallError("use as probe directory", path: path, code: ENOTDIR)
        }
        _ = chmod(path, 0o700)
        let marker = path + "/" + Self.markerName
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if entries.isEmpty {
            let descriptor = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            SystemCall.closeQuietly(descriptor)
        }
        return (realPath(path), Self.isRegularFile(marker))
    }

    /// Claude Code's folder name for a project directory: every character but letters and digits becomes `-`.
    public static func slug(for directory: String) -> String {
        String(
            directory.unicodeScalars.map {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "-"
            })
    }

    /// Removes the transcripts of sessions started in `realDirectory` (only `*.jsonl` files and session folders
    /// in its own project folder), never following links. Returns how many entries were removed.
    @discardableResult
    public static func removeTranscripts(of realDirectory: String, claudeConfigDirectory: String) -> Int {
        let projects = claudeConfigDirectory + "/projects"
        let slug = slug(for: realDirectory)
        let folders: [String]
        if slug.count <= 200 {
            folders = [slug]
        } else {  // long names are cut to 200 characters plus a hash we cannot recompute
            let prefix = String(slug.prefix(200))
            folders = ((try? FileManager.default.contentsOfDirectory(atPath: projects)) ?? []).filter {
                $0.hasPrefix(prefix)
            }
        }
        var removed = 0
        for folder in folders {
            let folderPath = projects + "/" + folder
            guard isRealDirectory(folderPath) else { continue }
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? [] {
                let entryPath = folderPath + "/" + entry
                let isTranscript = entry.hasSuffix(".jsonl") && isRegularFile(entryPath)
                let isSessionFolder = UUID(uuidString: entry) != nil && isRealDirectory(entryPath)
                guard isTranscript || isSessionFolder else { continue }
                if (try? FileManager.default.removeItem(atPath: entryPath)) != nil { removed += 1 }
            }
        }
        return removed
    }

    private static func isRealDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
