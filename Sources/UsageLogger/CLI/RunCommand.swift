import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `usage-logger run [--idle-exit DURATION]`: the companion process, one per log directory.
enum RunCommand {
    static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        var idleExitMs = context.configuration.idleExitMs
        var inheritedLock: Int32?
        var recycleAfter = 1_000
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--idle-exit":
                guard let value = remaining.popFirst() else {
                    return usage("--idle-exit needs a duration such as 30m", context)
                }
                do { idleExitMs = try DurationText.milliseconds(value, variable: "--idle-exit") } catch {
                    context.console.errorLine(error.description)
                    return .usage
                }
            case "--recycle-after":
                guard let value = remaining.popFirst().flatMap(Int.init), value > 0 else {
                    return usage("--recycle-after needs a number of probes above zero", context)
                }
                recycleAfter = value
            case "--lock-fd":  // internal: the statusline hands over the companion lock it already holds
                guard let value = remaining.popFirst().flatMap(Int32.init) else {
                    return usage("--lock-fd needs a number", context)
                }
                inheritedLock = value
            default:
                return usage("unknown argument '\(argument)' for run", context)
            }
        }
        guard context.configuration.loggingEnabled else {
            context.console.line(LoggingSwitch.disabledMessage)
            return .success
        }
        guard let directory = LoggingSwitch.prepareDirectory(context) else { return .cannotCreate }
        let lockPath = directory.paths.companionLock
        let lock: FileLock
        do {
            if let inheritedLock {
                lock = try FileLock.adopt(inheritedLock, path: lockPath)
            } else if let acquired = try FileLock.tryAcquire(lockPath) {
                lock = acquired
            } else {
                let holder = FileLock.holder(of: lockPath).map { " (pid \($0))" } ?? ""
                context.console.errorLine(
                    "a companion is already running for \(directory.path)\(holder); nothing to do")
                return .success
            }
        } catch {
            context.console.errorLine("cannot take \(lockPath): \(error)")
            return .cannotCreate
        }
        defer { lock.unlock() }
        lock.recordHolder()
        let cancellation = Cancellation()
        StopSignals.install(into: cancellation)
        var companion = Companion(
            context: context, directory: directory, cancellation: cancellation, idleExitMs: idleExitMs)
        companion.recycleAfterProbes = recycleAfter
        switch companion.runUntilRecycle() {
        case .exit(let code):
            return code
        case .recycle:
            // Start afresh in the same process (same pid, same lock): Foundation's Process leaks a little on every
            // run (swift-corelibs-foundation#3260), and a companion runs for days.
            var arguments = ["run", "--recycle-after", "\(recycleAfter)", "--lock-fd", "\(lock.fileDescriptor)"]
            if let idleExitMs { arguments += ["--idle-exit", "\(idleExitMs)ms"] }
            reexecute(arguments, keeping: lock.fileDescriptor, environment: context.environment)
            context.console.errorLine("could not restart itself (\(String(cString: strerror(errno)))); exiting")
            return .software
        }
    }

    private static func reexecute(_ arguments: [String], keeping descriptor: Int32, environment: [String: String]) {
        guard let executable = CompanionLauncher.ownExecutable() else { return }
        _ = fcntl(descriptor, F_SETFD, 0)  // the lock crosses exec; it is set close-on-exec again when adopted
        StopSignals.block()  // a stop signal during the exec stays pending for the new image, not fatal
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        execve(executable, argv, envp)
    }

    private static func usage(_ message: String, _ context: CommandContext) -> ExitCode {
        context.console.errorLine(message + ". Run 'usage-logger help run'.")
        return .usage
    }
}
