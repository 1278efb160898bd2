import Foundation

/// Why setup changed nothing. Each message names the file, the problem and what to do; the command layer picks
/// the exit code from the case.
enum SetupError: Error, CustomStringConvertible, Equatable {
    /// The settings file is not JSON (or not an object): Claude Code ignores such a file too.
    case invalidSettings(path: String, problem: String)
    /// A key Claude Code reads has a value of the wrong kind (`"hooks": []`).
    case unexpectedShape(path: String, key: String, found: String, expected: String)
    /// Another statusLine is set and neither `--replace` nor `--chain` was given.
    case otherStatusline(path: String, command: String)
    /// `--chain` was given but the other statusLine has no command to chain.
    case nothingToChain(path: String)
    /// A file setup must not write (a link to someone else's file, a hard link, a directory).
    case refusedFile(path: String, reason: String)
    /// A read or write failed.
    case io(String)
    /// `--undo` without a backup to restore.
    case noBackup(path: String)
    /// The library runs without knowing its own executable (inside another program).
    case unknownExecutable

    var description: String {
        let untouched = "it was left untouched"
        switch self {
        case .invalidSettings(let path, let problem):
            return "\(path) is not valid JSON (\(problem)); Claude Code ignores such a file too (it accepts no "
                + "comments or trailing commas). Fix it, then run setup again; \(untouched)"
        case .unexpectedShape(let path, let key, let found, let expected):
            return "\(path): \"\(key)\" is \(found), not \(expected) as Claude Code expects; fix it, then run setup "
                + "again; \(untouched)"
        case .otherStatusline(let path, let command):
            return "\(path) already has a statusLine command: \(command)\n"
                + "  --replace puts usage-logger's in its place; --chain keeps it and shows its line after "
                + "usage-logger's; `usage-logger setup hooks` adds the hooks alone. Nothing was changed."
        case .nothingToChain(let path):
            return "the statusLine in \(path) has no command to chain; use --replace instead. Nothing was changed."
        case .refusedFile(let path, let reason):
            return "refusing to write \(path): \(reason); \(untouched)"
        case .io(let problem):
            return problem
        case .noBackup(let path):
            return "no backup of \(path) to restore (setup makes one, named \((path as NSString).lastPathComponent)"
                + "\(SettingsBackup.marker)…, each time it changes the file)"
        case .unknownExecutable:
            return "cannot tell where this usage-logger is installed; run the usage-logger program itself"
        }
    }
}
