/// `usage-logger probe status|usage`: runs the command once and prints the record; writes no log.
enum ProbeCommand {
    static let kind = CommandSpec.Argument(
        name: "kind", values: ProbeKind.allCases.map(\.rawValue), help: "the screen to open: /status or /usage")
    static let pretty = CommandSpec.Option(name: "--pretty", help: "indent the JSON")

    static let spec = CommandSpec(
        name: "probe", abstract: "Run `claude /status` or `claude /usage` once and print the record (no log)",
        arguments: [kind], options: [pretty],
        discussion: """
            Runs the configured command (default `claude /status` or `claude /usage`) once in a pseudo-terminal,
            in usage-logger's own probe directory, waits for the complete screen, closes it and ends claude, then
            prints the record as JSON. It writes no log and leaves no process behind.

            Settings (environment):
              PET_CLAUDE_COMMAND   the claude executable, a name on PATH or a path (default: claude)
              PET_STATUS_COMMAND   full command line for /status (default: <claude> /status)
              PET_USAGE_COMMAND    full command line for /usage (default: <claude> /usage)
              PET_COMMAND_TIMEOUT  milliseconds before claude is ended (default: 45000)
              PET_PROBE_DIR        where claude runs (default: ${XDG_STATE_HOME:-~/.local/state}/usage-logger/probe)
              PET_LOGGING_DEBUG    true: keep the cleaned screen text in `raw` and say more on stderr
            """,
        epilogue: "The JSON is printed in every case but 64, 78 and a stop by a signal.",
        exitCodes: [
            .init(.success, meaning: "record complete"),
            .init(.dataError, meaning: "the screen held nothing recognisable"),
            .init(.unavailable, meaning: "claude could not run, failed, timed out, or /usage reported an error"),
            .init(.cannotCreate, meaning: "the probe directory cannot be created"),
            .init(.configuration, meaning: "bad setting"),
            .init(
                .hangUp, .interrupted, .terminated,
                meaning: "stopped by SIGHUP, SIGINT (Ctrl-C) or SIGTERM: claude and all it started were ended"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        // The parser has made sure a kind is given.
        guard let kind = arguments.value(of: Self.kind, as: ProbeKind.self) else { return .software }
        let parsed = (kind: kind, pretty: arguments.contains(pretty))
        var prober = Prober(configuration: context.configuration, environment: context.environment)
        prober.cancellation = context.stopSignals()
        let result = prober.run(parsed.kind)
        if let signal = prober.cancellation?.stopSignal { return context.console.sayStopped(by: signal) }
        let screen = ScreenRecord.make(
            kind: parsed.kind, frames: result.frames, capturedAt: result.capturedAt,
            context: context.recordContext(at: result.capturedAt), failure: result.failure,
            probe: result.outcome?.json(command: result.command), durationMs: result.outcome?.durationMs)
        context.console.show(
            screen, pretty: parsed.pretty, privacy: RecordPrivacy(configuration: context.configuration))
        if case .probeDirectory? = result.startError { return .cannotCreate }
        return ExitCode(screen.verdict)
    }
}
