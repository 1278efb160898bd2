import Foundation

/// Where the logs go, and why: `PET_LOG_DIR`; else `./data/logs` inside this project's own checkout; else
/// `${CLAUDE_CONFIG_DIR:-~/.claude}/pets/logs`. An auto-detected directory that cannot be used falls back to
/// `${XDG_STATE_HOME:-~/.local/state}/usage-logger/logs`; an explicit one that cannot be used is an error.
public struct LogDirectory: Sendable, Equatable {
    public let path: String
    public let reason: String
    public let isExplicit: Bool
    /// Set when the chosen directory could not be used and the fallback was taken: what went wrong.
    public var fallbackFrom: String?

    /// The choice, without touching the file system beyond reading `Package.swift`.
    public static func choose(configuration: Configuration, currentDirectory: String) -> LogDirectory {
        if let explicit = configuration.logDirectory {
            return LogDirectory(
                path: absolute(explicit, in: currentDirectory), reason: "PET_LOG_DIR is set", isExplicit: true)
        }
        if isProjectCheckout(currentDirectory) {
            return LogDirectory(
                path: currentDirectory + "/data/logs", reason: "the current directory is the usage-logger checkout",
                isExplicit: false)
        }
        return LogDirectory(
            path: configuration.claudeConfigDirectory + "/pets/logs",
            reason: "the default beside Claude Code's settings",
            isExplicit: false)
    }

    /// Creates the directory (0700), or checks that the existing one is ours and that only we can write in it; for
    /// an auto-detected one that fails, the fallback instead.
    public func prepare(configuration: Configuration) throws(LogDirectoryError) -> LogDirectory {
        do {
            try FileSystem.createDirectory(path, mode: 0o700)
            return self
        } catch {
            guard !isExplicit else { throw LogDirectoryError(path: path, reason: "\(error)", variable: "PET_LOG_DIR") }
            let fallback = Self.fallbackPath(configuration: configuration)
            do {
                try FileSystem.createDirectory(fallback, mode: 0o700)
            } catch let fallbackError {
                throw LogDirectoryError(
                    path: fallback, reason: "\(fallbackError) (after \(path): \(error))", variable: nil)
            }
            return LogDirectory(
                path: fallback, reason: "fallback: \(path) could not be used", isExplicit: false,
                fallbackFrom: "\(error)")
        }
    }

    /// Where auto-detected logs go when their directory cannot be used.
    public static func fallbackPath(configuration: Configuration) -> String {
        configuration.xdgStateHome + "/usage-logger/logs"
    }

    /// A `Package.swift` declaring the `UsageLogger` package (read capped at 64 KiB: the statusline checks it on
    /// every render, and ours is a few KiB).
    static func isProjectCheckout(_ directory: String) -> Bool {
        guard case .bytes(let manifest)? = try? BoundedFile.read(directory + "/Package.swift", maximumBytes: 64 * 1024)
        else { return false }
        return String(decoding: manifest, as: UTF8.self).contains("name: \"UsageLogger\"")
    }

    private static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}

/// The log directory cannot be created or written.
public struct LogDirectoryError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public let variable: String?

    public var description: String {
        let fix = variable.map { "; fix its permissions or point \($0) at a directory you can write" } ?? ""
        return "cannot use the log directory \(path): \(reason)\(fix)"
    }
}
