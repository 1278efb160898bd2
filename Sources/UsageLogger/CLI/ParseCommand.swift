import Foundation

/// `usage-logger parse status|usage [FILE]`: a saved capture in, the record out.
enum ParseCommand {
    static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        guard
            let parsed = CommandArguments.parse(arguments, command: "parse", allowsFile: true, console: context.console)
        else { return .usage }
        let bytes: [UInt8]
        if let file = parsed.file {
            guard let data = FileManager.default.contents(atPath: file) else {
                context.console.errorLine("cannot read \(file): no such readable file")
                return .noInput
            }
            bytes = [UInt8](data)
        } else {
            bytes = context.console.readInput()
        }
        let now = Date()
        let screen = ScreenRecord.make(
            kind: parsed.kind, frames: VirtualScreen.frames(of: bytes), capturedAt: now,
            context: context.recordContext(at: now))
        context.console.show(
            screen, pretty: parsed.pretty, privacy: RecordPrivacy(configuration: context.configuration))
        return ExitCode(screen.verdict)
    }
}
