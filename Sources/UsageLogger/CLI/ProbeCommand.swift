/// `usage-logger probe status|usage`: runs the command once and prints the record; writes no log.
enum ProbeCommand {
    static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        guard
            let parsed = CommandArguments.parse(
                arguments, command: "probe", allowsFile: false, console: context.console)
        else { return .usage }
        let result = Prober(configuration: context.configuration, environment: context.environment).run(parsed.kind)
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
