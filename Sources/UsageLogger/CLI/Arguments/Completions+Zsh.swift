import Foundation

extension Completions {
    /// A `#compdef` function for zsh: `_describe` for the commands, `_arguments` for each command's options and
    /// argument positions.
    static func zsh(_ commands: [CommandSpec], global: [CommandSpec.Option]) -> String {
        var lines = [
            "#compdef usage-logger",
            "# zsh completion for usage-logger, made by `usage-logger completions zsh`.",
            "",
            "_usage_logger() {",
            "    local curcontext=$curcontext state line",
            "    local -a commands",
            "    commands=(",
        ]
        for command in commands {
            let name = command.name.replacingOccurrences(of: ":", with: "\\:")
            lines.append("        " + quoted(name + ":" + command.abstract))
        }
        lines += ["    )", "    _arguments -C \\"]
        lines += global.map { "        " + zshOption($0) + " \\" }
        lines += [
            "        '1:command:->command' \\",
            "        '*::argument:->argument'",
            "    case $state in",
            "        command) _describe -t commands 'usage-logger command' commands ;;",
            "        argument)",
            "            case $line[1] in",
        ]
        for command in commands {
            let specs =
                command.visibleOptions.map(zshOption)
                + command.arguments.enumerated().map { index, argument in
                    let position = argument.isRepeatable ? "*" : "\(index + 1)"
                    let action =
                        argument.isFile ? "_files" : "(" + argument.values.joined(separator: " ") + ")"
                    return quoted("\(position):\(argument.name):\(action)")
                }
            lines.append("                \(command.name))")
            lines.append("                    _arguments \\")
            lines += specs.enumerated().map { index, spec in
                "                        " + spec + (index == specs.count - 1 ? "" : " \\")
            }
            lines.append("                    ;;")
        }
        lines += ["            esac", "            ;;", "    esac", "}", ""]
        // Autoloaded from fpath as `_usage-logger`, run it; sourced (`source <(usage-logger completions zsh)`),
        // register it.
        lines += [
            "if [ \"$funcstack[1]\" = \"_usage-logger\" ]; then",
            "    _usage_logger \"$@\"",
            "else",
            "    compdef _usage_logger usage-logger",
            "fi",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `'(- *)'{-h,--help}'[show this help]'`, or `'--idle-exit[exit when…]:DURATION:'` for one with a value.
    private static func zshOption(_ option: CommandSpec.Option) -> String {
        let description =
            "["
            + summary(option.help).replacingOccurrences(of: "[", with: "\\[")
            .replacingOccurrences(of: "]", with: "\\]") + "]"
        let value = option.valueName.map { ":\($0):" } ?? ""
        guard let short = option.short else { return quoted(option.name + description + value) }
        // Help and version end the command line: after them nothing else is offered.
        let exclusive = option == .help || option.name == "--version" ? "'(- *)'" : ""
        return exclusive + "{\(short),\(option.name)}" + quoted(description + value)
    }
}
