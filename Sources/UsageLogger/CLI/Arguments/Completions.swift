import Foundation

/// Shell completion scripts, made from the command table: commands, their options, and the words their
/// arguments allow (`status`, `usage`, a command after `help`), with file names where an argument is a file.
/// Hidden options are left out. Printed by `usage-logger completions bash|zsh|fish`.
enum Completions {
    /// The shells a script can be made for.
    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh, fish
    }

    /// The completion script for `shell`.
    static func script(for shell: Shell) -> String {
        let commands = Command.allCases.map(\.spec)
        let global = Command.program.visibleOptions
        switch shell {
        case .bash: return bash(commands, global: global)
        case .zsh: return zsh(commands, global: global)
        case .fish: return fish(commands, global: global)
        }
    }

    /// The first clause of a help text, for the one-line descriptions zsh and fish show.
    static func summary(_ help: String) -> String {
        let ends = ["; ", ". ", " ("].compactMap { help.range(of: $0)?.lowerBound }
        let end = ends.min() ?? help.endIndex
        let clause = String(help[..<end])
        return clause.hasSuffix(".") ? String(clause.dropLast()) : clause
    }

    /// `text` inside single quotes for a POSIX-style shell (bash, zsh): `'` becomes `'\''`.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    // MARK: bash

    private static func bash(_ commands: [CommandSpec], global: [CommandSpec.Option]) -> String {
        let first = commands.map(\.name) + global.flatMap(\.spellings)
        let valued = commands.flatMap(\.visibleOptions).filter { $0.valueName != nil }.map(\.name)
        var lines = [
            "# bash completion for usage-logger, made by `usage-logger completions bash`.",
            "_usage_logger() {",
            "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}",
            "    if ((COMP_CWORD == 1)); then",
            "        COMPREPLY=($(compgen -W \(quoted(first.joined(separator: " "))) -- \"$cur\"))",
            "        return",
            "    fi",
            "    # Count the arguments before the cursor; an option's value is not one.",
            "    local position=0 i",
            "    for ((i = 2; i < COMP_CWORD; i++)); do",
            "        case ${COMP_WORDS[i]} in",
        ]
        if !valued.isEmpty { lines.append("            \(valued.joined(separator: " | "))) ((i++)) ;;") }
        lines += [
            "            -*) ;;",
            "            *) ((position++)) ;;",
            "        esac",
            "    done",
            "    local options='' words='' files=0",
            "    case ${COMP_WORDS[1]} in",
        ]
        for command in commands { lines += bashCase(command) }
        lines += [
            "    esac",
            "    if [[ $cur == -* ]]; then",
            "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))",
            "    else",
            "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))",
            "        if ((files)); then",
            "            compopt -o filenames 2>/dev/null",
            "            local IFS=$'\\n'",
            "            COMPREPLY+=($(compgen -f -- \"$cur\"))",
            "        fi",
            "    fi",
            "}",
            "complete -F _usage_logger usage-logger",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One command's branch: its options, and per argument position the words it allows or file names.
    private static func bashCase(_ command: CommandSpec) -> [String] {
        var lines = ["        \(command.name))"]
        let valued = command.visibleOptions.filter { $0.valueName != nil }.map(\.name)
        if !valued.isEmpty {  // the value of an option is typed, not completed
            lines.append("            case $prev in \(valued.joined(separator: " | "))) return ;; esac")
        }
        lines.append(
            "            options=\(quoted(command.visibleOptions.flatMap(\.spellings).joined(separator: " ")))")
        let positions = command.arguments.enumerated().map { index, argument in
            let pattern = argument.isRepeatable ? "*" : "\(index)"
            let action = argument.isFile ? "files=1" : "words=\(quoted(argument.values.joined(separator: " ")))"
            return "\(pattern)) \(action) ;;"
        }
        if !positions.isEmpty {
            lines.append("            case $position in \(positions.joined(separator: " ")) esac")
        }
        return lines + ["            ;;"]
    }
}
