/// `usage-logger completions bash|zsh|fish`: prints a shell completion script made from the command table.
enum CompletionsCommand {
    static let shell = CommandSpec.Argument(
        name: "shell", values: Completions.Shell.allCases.map(\.rawValue), help: "the shell to complete in")

    static let spec = CommandSpec(
        name: "completions", abstract: "Print a shell completion script for bash, zsh or fish",
        arguments: [shell],
        discussion: """
            Prints a script that completes usage-logger's commands, their options and the words their arguments
            allow (status, usage, all, ...) in the given shell. Save it where the shell looks once, and open a new
            shell:
              bash  usage-logger completions bash > ~/.local/share/bash-completion/completions/usage-logger
              zsh   usage-logger completions zsh > ~/.zfunc/_usage-logger
                    (with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc)
              fish  usage-logger completions fish > ~/.config/fish/completions/usage-logger.fish
            """,
        exitCodes: [.init(.success, meaning: "printed"), .init(.usage, meaning: "not a shell usage-logger knows")])

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        // The parser has made sure a known shell is given.
        guard let shell = arguments.value(of: Self.shell, as: Completions.Shell.self) else { return .software }
        console.write(Completions.script(for: shell))
        return .success
    }
}
