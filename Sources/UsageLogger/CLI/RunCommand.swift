import Foundation

/// `usage-logger run [--idle-exit DURATION]`: the companion process, one per log directory.
enum RunCommand {
    static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        var idleExitMs = context.configuration.idleExitMs
        var inheritedLock: Int32?
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
        let console = context.console
        var companion = Companion(
            context: context, directory: directory, cancellation: cancellation, idleExitMs: idleExitMs,
            onEvent: { console.say($0) })
        return console.say(companion.run())
    }

    private static func usage(_ message: String, _ context: CommandContext) -> ExitCode {
        context.console.errorLine(message + ". Run 'usage-logger help run'.")
        return .usage
    }
}
