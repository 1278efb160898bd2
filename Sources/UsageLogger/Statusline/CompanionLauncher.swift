/// Starts `usage-logger run --idle-exit …` when no companion holds the log directory's lock. The lock is taken
/// here and handed to the child as descriptor 3, so a burst of statusline renders can never start two: whoever
/// fails to take the lock knows a companion is running or being started.
enum CompanionLauncher {
    static let defaultIdleExitMs: Int64 = 30 * 60 * 1000

    /// Starts the companion from `executable` (this program; nil in a host that runs the library in-process,
    /// such as the test runner, which must not start itself). Returns the new companion's pid, or nil when one is
    /// already running or it could not be started.
    @discardableResult
    static func startIfNeeded(
        executable: String?, directory: String, configuration: Configuration, environment: [String: String]
    ) -> Int32? {
        guard let executable, let lock = try? FileLock.tryAcquire(LogPaths(directory: directory).companionLock) else {
            return nil
        }
        defer { lock.closeKeepingLock() }  // our copy only: the child's inherited descriptor keeps the lock
        let idleExitMs = configuration.idleExitMs ?? defaultIdleExitMs
        // Started from inside Claude Code, it runs as if started from cron: none of the session's plumbing.
        var environment = ClaudeCodeEnvironment.withoutSessionPlumbing(environment)
        environment["PET_LOG_DIR"] = directory  // the same directory, whatever its current directory
        // Detached: a session of its own and no terminal, so it outlives the statusline and Claude Code's hangups.
        let child = try? ChildProcess.spawn(
            executable: executable, arguments: ["run", "--idle-exit", "\(idleExitMs)ms", "--lock-fd", "3"],
            environment: environment, keep: lock.fileDescriptor)
        return child?.detach()
    }
}
