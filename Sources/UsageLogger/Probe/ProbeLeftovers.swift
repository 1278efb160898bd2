import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one probe's `claude` leaves in Claude Code's directory, removed after the probe: its session files
/// (`sessions/<pid>.json`, `<pid>.<hash>.key`), and the transcript (`projects/<slug>/<session>.jsonl`) and session
/// folder of the session it started. Only those: a file is ours when it names our child's pid or our session, or
/// when it appeared in the probe directory's project folder during the probe and its lines were written in the
/// probe directory. Never by folder alone, since two directories can share a folder (`/x/a-b` and `/x/a/b`).
struct ProbeLeftovers {
    let claudeConfigDirectory: String
    /// The probe directory's real path, as `claude` records it in `cwd`.
    let probeDirectory: String
    private let before: Set<String>

    /// Notes what the project folders hold before the probe starts.
    init(claudeConfigDirectory: String, probeDirectory: String) {
        self.claudeConfigDirectory = claudeConfigDirectory
        self.probeDirectory = probeDirectory
        before = Set(Self.projectFolders(claudeConfigDirectory, probeDirectory).flatMap(Self.entries))
    }

    /// Removes what the probe whose `claude` had `pid` left; returns the paths removed.
    @discardableResult
    func remove(childPID pid: Int32?) -> [String] {
        var removed: [String] = []
        var sessions: Set<String> = []
        if let pid {
            let sessionsFolder = claudeConfigDirectory + "/sessions"
            let sessionFile = sessionsFolder + "/\(pid).json"
            if let record = Self.json(sessionFile), record["cwd"]?.stringValue == probeDirectory {
                if let id = record["sessionId"]?.stringValue { sessions.insert(id) }
                for name in Self.names(in: sessionsFolder)
                where name == "\(pid).json" || name.hasPrefix("\(pid).") && name.contains(".key") {
                    if Self.removeFile(sessionsFolder + "/" + name) { removed.append(sessionsFolder + "/" + name) }
                }
            }
        }
        let folders = Self.projectFolders(claudeConfigDirectory, probeDirectory)
        for transcript in folders.flatMap(Self.entries) where transcript.hasSuffix(".jsonl") {
            let session = ((transcript as NSString).lastPathComponent as NSString).deletingPathExtension
            let appeared = !before.contains(transcript) && writtenOnlyIn(probeDirectory, transcript)
            guard sessions.contains(session) || appeared else { continue }
            sessions.insert(session)
            if Self.removeFile(transcript) { removed.append(transcript) }
        }
        for folder in folders {
            for session in sessions where UUID(uuidString: session) != nil {
                let path = folder + "/" + session
                if FileSystem.kind(of: path) == .directory, (try? FileManager.default.removeItem(atPath: path)) != nil {
                    removed.append(path)
                }
            }
        }
        return removed
    }

    /// Whether `transcript` (its first 256 KiB) names a working directory, and every one it names is ours.
    private func writtenOnlyIn(_ directory: String, _ transcript: String) -> Bool {
        guard FileSystem.kind(of: transcript) == .regular, let handle = FileHandle(forReadingAtPath: transcript)
        else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256 * 1024)) ?? Data()
        let named = head.split(separator: 0x0A).compactMap { (try? JSONParser.parse([UInt8]($0)))?["cwd"]?.stringValue }
        return !named.isEmpty && named.allSatisfy { $0 == directory }
    }

    /// The project folder(s) Claude Code uses for `directory`: its slug, or for a slug over 200 characters the
    /// folders that start with its first 200 (the rest is a hash we cannot recompute).
    private static func projectFolders(_ claudeConfigDirectory: String, _ directory: String) -> [String] {
        let projects = claudeConfigDirectory + "/projects"
        let slug = ProbeDirectory.slug(for: directory)
        let names = slug.count <= 200 ? [slug] : names(in: projects).filter { $0.hasPrefix(String(slug.prefix(200))) }
        return names.map { projects + "/" + $0 }.filter { FileSystem.kind(of: $0) == .directory }
    }

    private static func entries(_ folder: String) -> [String] {
        names(in: folder).map { folder + "/" + $0 }
    }

    private static func names(in folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    private static func json(_ path: String) -> JSONValue? {
        guard FileSystem.kind(of: path) == .regular, FileSystem.size(of: path) < 64 * 1024,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return try? JSONParser.parse([UInt8](data))
    }

    /// Removes a regular file (never what a link points to).
    private static func removeFile(_ path: String) -> Bool {
        FileSystem.kind(of: path) == .regular && unlink(path) == 0
    }
}
