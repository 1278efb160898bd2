import Foundation

/// `usage-logger run [--idle-exit DURATION]`: the companion process, one per log directory.
enum RunCommand {
    static let idleExit = CommandSpec.Option(
        name: "--idle-exit", valueName: "DURATION", valueKind: .duration,
        help: "exit when no statusline has run for this long (30m, 2h, 90s); also PET_COMPANION_IDLE_EXIT. "
            + "The statusline starts the companion with 30m.")
    /// Internal: the statusline hands over the companion lock it already holds on this descriptor.
    static let lockDescriptor = CommandSpec.Option(
        name: "--lock-fd", valueName: "N", valueKind: .number,
        help: "adopt the companion lock already held on descriptor N", isHidden: true)

    static let spec = CommandSpec(
        name: "run", abstract: "The companion: probes /status hourly and /usage every minute until stopped",
        options: [idleExit, lockDescriptor],
        discussion: """
            The companion process: probes /status at start and every PET_STATUS_LOG_INTERVAL, /usage every
            PET_USAGE_LOG_INTERVAL, one at a time, on a fixed rate (a turn that comes while a probe still runs is
            skipped), and appends the records as `once` does. After a failure it retries with exponential backoff
            (at most 30 minutes; at least 5 minutes after a rate limit); after PET_MAX_CONSECUTIVE_FAILURES failures
            in a row that probe is switched off (said on stderr and in diagnostics.jsonl). One companion per log
            directory: a second one says which pid runs and exits 0. A companion whose log directory is deleted takes
            its lock again in the recreated directory, or exits 0 when another companion has taken it.
            """,
        epilogue: """
            SIGINT/SIGTERM: stops the running probe and exits 0 within 2 seconds. SIGHUP: reads the configuration
            again (a bad new value is reported and the old one kept).
            """,
        exitCodes: [
            .init(.success, meaning: "stopped"), .init(.unavailable, meaning: "every probe switched off"),
            .init(.cannotCreate, meaning: "the log directory cannot be used, or its lock not taken again"),
            .init(.configuration, meaning: "bad setting"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let idleExitMs = arguments.milliseconds(of: idleExit) ?? context.configuration.idleExitMs
        let inheritedLock = arguments.number(of: lockDescriptor)
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
        } catch let refused as RefusedFile {
            context.console.errorLine(refused.description)
            return .cannotCreate
        } catch {
            context.console.errorLine("cannot take \(lockPath): \(error)")
            return .cannotCreate
        }
        defer { lock.unlock() }
        lock.recordHolder()
        let cancellation = Cancellation()
        if context.handlesSignals { StopSignals.install(into: cancellation, hangUpReloads: true) }
        let console = context.console
        var companion = Companion(
            context: context.collector, directory: directory, cancellation: cancellation, idleExitMs: idleExitMs,
            onEvent: { console.say($0) })
        companion.lock = lock
        return console.say(companion.run())
    }
}
