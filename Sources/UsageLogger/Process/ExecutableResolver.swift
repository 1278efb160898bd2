#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the executable of a command line: a word with a slash is a path, anything else is looked up on `PATH`.
enum ExecutableResolver {
    /// Why a command's executable cannot be used: what is wrong, and what to do about it.
    struct NotRunnable: Error, CustomStringConvertible, Equatable {
        let problem: String
        let fix: String
        var description: String { "\(problem); \(fix)" }
    }

    /// The executable's path, or a message that names the variable the command came from and what to do.
    static func resolve(_ word: String, path: String?, variable: String) -> Result<String, ProbeError> {
        locate(word, path: path, variable: variable).mapError { .commandNotRunnable($0.description) }
    }

    /// The executable's path, or what is wrong and the fix as separate parts (doctor prints them apart).
    static func locate(_ word: String, path: String?, variable: String) -> Result<String, NotRunnable> {
        // Only a leading `~/` or a bare `~` is expanded (see PathExpansion); one left elsewhere is likely the cause.
        let tildeHint = word.contains("~") ? " (only a leading ~/ is expanded, as in ~/bin/claude)" : ""
        if word.contains("/") {
            guard access(word, X_OK) == 0, isRegularFile(word) else {
                return .failure(
                    NotRunnable(
                        problem: "\(variable): '\(word)' is not an executable file",
                        fix: "set \(variable) to the path of claude\(tildeHint)"))
            }
            return .success(word)
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + word
            if access(candidate, X_OK) == 0, isRegularFile(candidate) { return .success(candidate) }
        }
        return .failure(
            NotRunnable(
                problem: "\(variable): '\(word)' was not found on PATH",
                fix: "install Claude Code or set \(variable) to the full path of claude\(tildeHint)"))
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}

/// Why a probe could not run at all.
public enum ProbeError: Error, CustomStringConvertible, Equatable {
    case commandNotRunnable(String)
    case probeDirectory(String)
    case launchFailed(String)

    public var description: String {
        switch self {
        case .commandNotRunnable(let message), .probeDirectory(let message), .launchFailed(let message): message
        }
    }
}
