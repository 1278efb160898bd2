import Foundation

extension Completions {
    /// `complete` lines for fish: commands while none is given, then each command's options and argument words.
    static func fish(_ commands: [CommandSpec], global: [CommandSpec.Option]) -> String {
        var lines = [
            "# fish completion for usage-logger, made by `usage-logger completions fish`.",
            "complete -c usage-logger -f",
        ]
        let none = "__fish_use_subcommand"
        lines += global.map { fishOption($0, condition: none) }
        for command in commands {
            lines.append("complete -c usage-logger -n \(none) -a \(command.name) -d \(fishQuoted(command.abstract))")
        }
        for command in commands {
            let condition = fishQuoted("__fish_seen_subcommand_from \(command.name)")
            lines += command.visibleOptions.map { fishOption($0, condition: condition) }
            for argument in command.arguments {
                if argument.isFile {
                    lines.append("complete -c usage-logger -n \(condition) -F")
                } else {
                    let words = fishQuoted(argument.values.joined(separator: " "))
                    lines.append("complete -c usage-logger -n \(condition) -a \(words) -d \(argument.name)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `complete -c usage-logger -n … -s h -l help -d 'show this help'`; `-r` when it takes a value.
    private static func fishOption(_ option: CommandSpec.Option, condition: String) -> String {
        var line = "complete -c usage-logger -n \(condition)"
        if let short = option.short { line += " -s " + short.dropFirst() }
        line += " -l " + option.name.dropFirst(2)
        if option.valueName != nil { line += " -r" }
        return line + " -d " + fishQuoted(summary(option.help))
    }

    /// `text` inside single quotes for fish, where a backslash escapes `'` and `\`.
    private static func fishQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
