/// `usage-logger help [COMMAND] [--man]`: the main help, one command's help, or the whole manual as a man page.
enum HelpCommand {
    static let command = CommandSpec.Argument(
        name: "command", values: Command.allCases.map(\.rawValue), isOptional: true,
        help: "the command to explain; without it, the list of commands")
    static let man = CommandSpec.Option(
        name: "--man", help: "print the whole manual as a man page (roff) instead")

    static let spec = CommandSpec(
        name: "help", abstract: "Show help for a command, or the manual page (--man)",
        arguments: [command], options: [man],
        discussion: """
            Prints the help of COMMAND (the same as `usage-logger COMMAND --help`), or the list of commands.
            With --man it prints the manual page instead, made from the same declarations as the help; a copy is
            kept as usage-logger.1 at the top of the repository.
            """,
        epilogue: """
            Example:
              usage-logger help --man > usage-logger.1 && man ./usage-logger.1
            """,
        exitCodes: [.init(.success, meaning: "printed"), .init(.usage, meaning: "not a command")])

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        if arguments.contains(man) {
            if let name = arguments[command] {
                let problem = "--man prints the whole manual; leave out '\(name)' or --man"
                console.errorLine(CommandLineError(problem, command: spec.name).description)
                return .usage
            }
            console.write(ManPage.text)
            return .success
        }
        guard let name = arguments[command], let named = Command(rawValue: name) else {
            console.write(HelpText.main)
            return .success
        }
        console.write(HelpText.text(for: named.spec))
        return .success
    }
}
