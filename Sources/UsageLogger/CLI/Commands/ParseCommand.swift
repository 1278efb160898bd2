import Foundation

/// `usage-logger parse status|usage [FILE]`: a saved capture in, the record out.
enum ParseCommand {
    static let kind = CommandSpec.Argument(
        name: "kind", values: ProbeKind.allCases.map(\.rawValue), help: "the screen the capture shows")
    static let file = CommandSpec.Argument(
        name: "file", isOptional: true, isFile: true, help: "the capture; standard input when left out or -")
    static let pretty = CommandSpec.Option(name: "--pretty", help: "indent the JSON")

    static let spec = CommandSpec(
        name: "parse", abstract: "Read a captured /status or /usage screen (FILE or stdin), print the record",
        arguments: [kind, file], options: [pretty],
        discussion: """
            Reads a capture of Claude Code's /status or /usage screen from FILE (or standard input), renders it
            as a terminal would (raw pseudo-terminal bytes and plain text both work), and prints the record that
            `probe` would print, as one JSON line (indented with --pretty).
            """,
        epilogue: """
            Example:
              usage-logger parse usage saved-usage-screen.txt --pretty
            """,
        exitCodes: [
            .init(.success, meaning: "the screen was recognised"),
            .init(
                .dataError,
                meaning: "nothing recognised (the JSON is still printed, with an `error` field and the cleaned text "
                    + "in `raw`)"),
            .init(.noInput, meaning: "FILE cannot be read"), .init(.usage, meaning: "bad arguments"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        // The parser has made sure a kind is given; `-` is standard input.
        guard let kind = arguments.value(of: Self.kind, as: ProbeKind.self) else { return .software }
        let parsed = (
            kind: kind, file: arguments[file].flatMap { $0 == "-" ? nil : $0 }, pretty: arguments.contains(pretty)
        )
        let bytes: [UInt8]
        if let file = parsed.file {
            do {
                bytes = try InputFile.read(file)
            } catch {
                context.console.errorLine(error.description)
                return .noInput
            }
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
