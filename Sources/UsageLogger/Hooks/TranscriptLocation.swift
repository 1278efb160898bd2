import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where Claude Code keeps transcripts (`${CLAUDE_CONFIG_DIR:-~/.claude}/projects/<project>/<session>.jsonl`),
/// and the check a path from a hook's input must pass before it is read: a hook's input is only JSON on stdin,
/// so a path elsewhere (or a symbolic link planted in `projects/`) must not make us read another file.
public struct TranscriptLocation: Sendable {
    /// `projects/` under Claude Code's configuration directory.
    public let projects: String

    public init(claudeConfigDirectory: String) { projects = claudeConfigDirectory + "/projects" }

    /// The transcript at `path` with its directories resolved, when it is a regular `.jsonl` file (not a symbolic
    /// link) somewhere under `projects/`; nil for anything else. The file is then opened with `O_NOFOLLOW`, so a
    /// link swapped in after this check is refused too.
    public func resolve(_ path: String) -> String? {
        guard path.hasPrefix("/"), path.hasSuffix(".jsonl"), !path.contains("\0") else { return nil }
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = components.last, !components.contains(where: { $0 == ".." || $0 == "." }) else {
            return nil
        }
        let parent = "/" + components.dropLast().joined(separator: "/")
        guard let root = Self.realPath(projects), let directory = Self.realPath(parent),
            directory.hasPrefix(root + "/")
        else { return nil }
        let resolved = directory + "/" + name
        guard FileSystem.kind(of: resolved) == .regular else { return nil }
        return resolved
    }

    /// The session's transcript (as `resolve` gave it) followed by its subagents' (`<session>/subagents/*.jsonl`
    /// beside it), which hold the sidechain requests; a `subagents` folder reached through a link out of
    /// `projects/` is left out.
    public func files(of transcript: String) -> [String] {
        let subagents = String(transcript.dropLast(".jsonl".count)) + "/subagents"
        guard FileSystem.kind(of: subagents) == .directory, let root = Self.realPath(projects),
            Self.realPath(subagents)?.hasPrefix(root + "/") == true,
            let names = try? FileManager.default.contentsOfDirectory(atPath: subagents)
        else { return [transcript] }
        let files = names.filter { $0.hasSuffix(".jsonl") }.sorted().map { subagents + "/" + $0 }
            .filter { FileSystem.kind(of: $0) == .regular }
        return [transcript] + files
    }

    /// Transcripts directly in a project folder (`projects/*/*.jsonl`, not subagents), with their modification
    /// times, skipping project folders whose name starts with `excludedPrefix` (our probe directory's).
    func transcripts(excludingProjectsStartingWith excludedPrefix: String) -> [(path: String, modified: Double)] {
        guard let projectNames = try? FileManager.default.contentsOfDirectory(atPath: projects) else { return [] }
        var found: [(path: String, modified: Double)] = []
        for project in projectNames where excludedPrefix.isEmpty || !project.hasPrefix(excludedPrefix) {
            let folder = projects + "/" + project
            guard FileSystem.kind(of: folder) == .directory,
                let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
            else { continue }
            for name in names where name.hasSuffix(".jsonl") {
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                #if canImport(Darwin)
                    let modified = Double(info.st_mtimespec.tv_sec)
                #else
                    let modified = Double(info.st_mtim.tv_sec)
                #endif
                found.append((path, modified))
            }
        }
        return found
    }

    /// The folder name Claude Code gives a working directory: every character other than a letter or digit
    /// becomes `-` (names over 200 characters are cut and hashed; those are simply not matched).
    static func projectName(of directory: String) -> String {
        String(directory.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
