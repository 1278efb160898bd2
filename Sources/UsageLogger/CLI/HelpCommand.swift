/// `usage-logger help [COMMAND]`: the main help, or one command's help.
enum HelpCommand {
    static let command = CommandSpec.Argument(
        name: "command", values: Command.allCases.map(\.rawValue), isOptional: true,
        help: "the command to explain; without it, the list of commands")
    static let spec = CommandSpec(
        name: "help", abstract: "Show help for a command",
        arguments: [command],
        discussion: """
            Prints the help of COMMAND (the same as `usage-logger COMMAND --help`), or the list of commands.
            """,
        exitCodes: [.init(.success, meaning: "printed"), .init(.usage, meaning: "not a command")])

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        guard let name = arguments[command], let named = Command(rawValue: name) else {
            console.write(HelpText.main)
            return .success
        }
        console.write(HelpText.text(for: named.spec))
        return .success
    }
}
