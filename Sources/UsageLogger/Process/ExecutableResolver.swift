#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the executable of a command line: a word with a slash is a path, anything else is looked up on `PATH`.
enum ExecutableResolver {
    /// The executable's path, or a message that names the variable the command came from and what to do.
    static func resolve(_ word: String, path: String?, variable: String) -> Result<String, ProbeError> {
        if word.contains("/") {
            guard access(word, X_OK) == 0, isRegularFile(word) else {
                return .failure(
                    .commandNotRunnable(
                        "\(variable): '\(word)' is not an executable file; set \(variable) to the path of claude"))
            }
            return .success(word)
        }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + word
            if access(candidate, X_OK) == 0, isRegularFile(candidate) { return .success(candidate) }
        }
        return .failure(
            .commandNotRunnable(
                "\(variable): '\(word)' was not found on PATH; install Claude Code or set \(variable) to the full path of claude"
            ))
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
