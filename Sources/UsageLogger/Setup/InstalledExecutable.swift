#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The path setup writes for this program. The running executable's path is resolved (`/proc/self/exe` on Linux),
/// so a program installed through a link (`~/.local/bin/usage-logger` → a build folder, Homebrew's `bin` → a
/// versioned `Cellar`) would be written by its target, which an upgrade or a rebuild moves. When a
/// `usage-logger` on `PATH` is the same file, its path is written instead: it survives upgrades.
enum InstalledExecutable {
    static func path(running: String, searchPath: String?) -> String {
        guard let target = resolved(running) else { return running }
        for directory in (searchPath ?? "").split(separator: ":") where directory.hasPrefix("/") {
            let candidate = String(directory) + "/usage-logger"
            if resolved(candidate) == target { return candidate }
        }
        return running
    }

    /// The path with every link resolved, or nil when nothing is there.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
