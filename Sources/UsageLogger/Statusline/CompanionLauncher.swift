import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts `usage-logger run --idle-exit …` when no companion holds the log directory's lock. The lock is taken
/// here and handed to the child as descriptor 3, so a burst of statusline renders can never start two: whoever
/// fails to take the lock knows a companion is running or being started.
enum CompanionLauncher {
    static let defaultIdleExitMs: Int64 = 30 * 60 * 1000

    /// Returns the new companion's pid, or nil when one is already running or it could not be started.
    @discardableResult
    static func startIfNeeded(directory: String, configuration: Configuration, environment: [String: String]) -> pid_t?
    {
        guard let lock = try? FileLock.tryAcquire(directory + "/companion.lock"), let executable = ownExecutable()
        else {
            return nil
        }
        defer { lock.closeKeepingLock() }  // our copy only: the child's inherited descriptor keeps the lock
        let idleExitMs = configuration.idleExitMs ?? defaultIdleExitMs
        let arguments = [executable, "run", "--idle-exit", "\(idleExitMs)ms", "--lock-fd", "3"]
        var environment = environment
        environment["PET_LOG_DIR"] = directory  // the same directory, whatever its current directory
        let pairs = environment.map { "\($0.key)=\($0.value)" }
        return withCStrings(arguments) { argv in
            withCStrings(pairs) { envp in
                var pid: pid_t = 0
                let result = cpt_spawn_detached(executable, argv, envp, lock.fileDescriptor, &pid)
                return result == 0 ? pid : nil
            }
        }
    }

    /// This program's path (`/proc/self/exe` on Linux, else the first argument resolved), when it is
    /// usage-logger: a host that runs the library in-process (the test runner) must not start itself.
    static func ownExecutable() -> String? {
        var path: String?
        #if os(Linux)
            path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #endif
        if path == nil, let first = CommandLine.arguments.first, first.contains("/") {
            path = URL(fileURLWithPath: first).standardizedFileURL.path
        }
        guard let path, (path as NSString).lastPathComponent.hasPrefix("usage-logger") else { return nil }
        return path
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
