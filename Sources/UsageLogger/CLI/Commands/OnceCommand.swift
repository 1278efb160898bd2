import Foundation

/// `usage-logger once [usage|status|all] [--due]`: the cron-style one-shot. Probes, appends, exits.
enum OnceCommand {
    static let kind = CommandSpec.Argument(
        name: "kind", values: ["usage", "status", "all"], isOptional: true,
        help: "which probe to run (default: all, /status first)")
    static let due = CommandSpec.Option(
        name: "--due",
        help: "run only what is due by PET_USAGE_LOG_INTERVAL and PET_STATUS_LOG_INTERVAL (so one crontab line "
            + "gives /usage every minute and /status every hour); with PET_USAGE_SOURCE=auto, /usage only every "
            + "PET_USAGE_SCREEN_INTERVAL while the statusline records usage")

    static let spec = CommandSpec(
        name: "once", abstract: "Probe and append the records to the logs (cron: `once --due`)",
        arguments: [kind], options: [due],
        discussion: """
            The cron-style one-shot: runs the probe(s) (default: all, /status first), parses the screens and appends
            the records to usage.jsonl and status.jsonl in the log directory; changes in installation warnings go
            to diagnostics.jsonl. Does nothing but say how to turn it on while PET_USAGE_LOGGING_ENABLED is off.
            With PET_OTLP_ENDPOINT it then pushes the metrics, limit hits and warning changes to the OpenTelemetry
            collector (within PET_OTLP_TIMEOUT; what cannot be sent waits on disk for the next run).
            """,
        epilogue: """
            The crontab line for --due:
              * * * * * $HOME/.local/bin/usage-logger once --due

            A kind another usage-logger is already probing is skipped (a note on stderr, exit 0).
            """,
        exitCodes: [
            .init(.success, meaning: "all records written"),
            .init(.unavailable, meaning: "a probe failed or timed out (its error record is still written)"),
            .init(.cannotCreate, meaning: "the log directory cannot be created"),
            .init(.ioError, meaning: "a log cannot be written (disk full, low space)"),
            .init(.configuration, meaning: "bad setting"),
            .init(
                .hangUp, .interrupted, .terminated,
                meaning: "stopped by SIGHUP, SIGINT (Ctrl-C) or SIGTERM: claude was ended, the probe not recorded"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        // status first: it explains a failing /usage
        let kinds = arguments.value(of: kind, as: ProbeKind.self).map { [$0] } ?? [.status, .usage]
        let onlyDue = arguments.contains(due)
        guard context.configuration.loggingEnabled else {
            context.console.line(LoggingSwitch.disabledMessage)
            return .success
        }
        guard let directory = LoggingSwitch.prepareDirectory(context) else { return .cannotCreate }
        if context.console.errorIsTerminal { sayWhere(directory, context: context) }
        let state = StateStore(directory: directory.path).load()
        let cancellation = context.stopSignals()
        var exitCode = ExitCode.success
        for kind in kinds {
            if let signal = cancellation?.stopSignal { return context.console.sayStopped(by: signal) }
            if onlyDue, let reason = notDue(kind, state: state, directory: directory, context: context) {
                if context.configuration.debug { context.console.errorLine("\(kind.rawValue): \(reason)") }
                continue
            }
            let outcome = Recorder(context: context.collector, directory: directory, cancellation: cancellation)
                .record(kind)
            if let signal = cancellation?.stopSignal { return context.console.sayStopped(by: signal) }
            context.console.say(outcome, kind: kind)
            if context.console.errorIsTerminal, case .written(_, let verdict, _) = outcome {
                let log = LogPaths(directory: directory.path).log(LogName(kind))
                context.console.errorLine(
                    "\(kind.rawValue): \(verdict == .complete ? "recorded" : "recorded with its error") in \(log)")
            }
            exitCode = worse(exitCode, ExitCode(outcome))
        }
        if context.configuration.storageType != .jsonl {
            do {
                try DatabaseCatchUp(directory: directory.path, configuration: context.configuration).run()
            } catch {
                context.console.errorLine(error.description)  // the records are written; the probes' code stands
            }
        }
        if context.configuration.alertCommand != nil {
            let watch = AlertWatch(
                directory: directory.path, configuration: context.configuration,
                environment: ClaudeCodeEnvironment.withoutSessionPlumbing(context.environment))
            do {
                for delivery in try watch.check() { context.console.say(delivery) }
            } catch {
                context.console.errorLine(error.description)  // never changes what the probes' exit code says
            }
        }
        pushTelemetry(directory, context: context)
        return exitCode
    }

    /// With `PET_OTLP_ENDPOINT`: the records pushed to the collector (also on a `--due` run that probed nothing:
    /// the statusline's records, and what waits in the spool). Never changes the exit code; a problem is said
    /// once, not on every cron run.
    private static func pushTelemetry(_ directory: LogDirectory, context: CommandContext) {
        guard context.configuration.otlp != nil else { return }
        let report = OTLPPush(logDirectory: directory.path, configuration: context.configuration).push()
        if let problem = report.problem { context.console.errorLine("warning: \(problem)") }
        if report.recovered {
            context.console.errorLine("OTLP collector reachable again; sent \(report.sent) payloads")
        }
    }

    /// Why `--due` leaves `kind` alone now, or nil to probe it: the same rules as the companion's.
    private static func notDue(_ kind: ProbeKind, state: LoggerState, directory: LogDirectory, context: CommandContext)
        -> String?
    {
        let decision = DueSchedule.decision(
            kind, state: state, configuration: context.configuration,
            statuslineRecord: SessionContext.load(from: directory.path)?.lastUsageRecord, now: Date())
        switch decision {
        case nil: return "not due yet"
        case .probe?: return nil
        case .never?: return "PET_USAGE_SOURCE=statusline: usage comes from the statusline only"
        case .skip(let screenDueAt)?:
            return "the statusline recorded usage within the interval"
                + (screenDueAt.map { "; the screen is due in \(AgeText.text(max(0, $0.timeIntervalSinceNow)))" } ?? "")
        }
    }

    /// For a person at a terminal (never for cron, which mails any output): where the records go, why, and
    /// whether other places hold part of the history.
    private static func sayWhere(_ directory: LogDirectory, context: CommandContext) {
        context.console.errorLine("logging to \(directory.path) (\(directory.reason))")
        let others = directory.othersWithRecords(
            configuration: context.configuration, currentDirectory: context.currentDirectory)
        if !others.isEmpty {
            context.console.errorLine(
                "warning: records are also in \(others.joined(separator: ", ")): your history is split; run "
                    + "usage-logger from the same place every time, or set PET_LOG_DIR")
        }
    }

    /// The exit code that matters more: write failures over probe failures over success.
    private static func worse(_ a: ExitCode, _ b: ExitCode) -> ExitCode {
        let order: [ExitCode] = [.success, .unavailable, .ioError, .cannotCreate]
        return (order.firstIndex(of: a) ?? 0) >= (order.firstIndex(of: b) ?? 0) ? a : b
    }
}
