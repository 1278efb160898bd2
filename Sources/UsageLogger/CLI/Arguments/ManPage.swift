import Foundation

/// The manual page in roff (the `man(7)` macros), made from the command table like the help:
/// `usage-logger help --man`. A copy is checked in as `usage-logger.1`, and a test keeps it equal to this text.
/// Nothing in it depends on the date or the machine, so the copy only changes when a declaration does.
enum ManPage {
    static var text: String {
        let program = Command.program
        var lines = [
            #".TH USAGE\-LOGGER 1 "" "usage\-logger \#(escape(CLI.version))" "User Commands""#,
            ".nh",  // no hyphenation and a ragged right: option names and paths stay whole
            ".ad l",
            ".SH NAME",
            "usage\\-logger \\- " + escape(program.abstract),
            ".SH SYNOPSIS",
            ".B usage\\-logger",
            ".I command",
            ".RI [ arguments ]",
            ".SH DESCRIPTION",
        ]
        lines += paragraphs(program.discussion) + paragraphs(program.epilogue)
        lines += [".SH COMMANDS"]
        for command in Command.allCases { lines += section(command.spec) }
        lines += [".SH OPTIONS"] + options(program.visibleOptions)
        lines += [".SH EXIT STATUS"]
        for note in program.exitCodes {
            lines += [".TP", ".B " + note.codesText, escape(note.meaning)]
        }
        lines += [
            ".SH FILES",
            ".TP",
            ".I ~/.config/usage\\-logger/config.env",
            "Settings (PET_* lines); the environment wins over the file. `usage\\-logger config` shows where each",
            "value came from and which log directory is used.",
            ".SH SEE ALSO",
            "README.md in the usage\\-logger repository: set\\-up, every setting, the record formats and jq recipes.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One command: its synopsis as a subsection, its discussion, arguments, options, epilogue and exit codes.
    private static func section(_ spec: CommandSpec) -> [String] {
        var lines = [#".SS "\#(escape("usage-logger " + spec.synopsis))""#]
        lines += paragraphs(spec.discussion)
        for argument in spec.arguments where !argument.help.isEmpty {
            lines += [".TP", ".I " + escape(argument.placeholder), escape(argument.help)]
        }
        lines += options(spec.visibleOptions.filter { $0 != .help })  // -h, --help: once, under OPTIONS
        lines += paragraphs(spec.epilogue)
        if !spec.exitCodes.isEmpty {
            lines += [".PP", "Exit codes: " + escape(spec.exitCodes.map(\.text).joined(separator: "; ")) + "."]
        }
        return lines
    }

    /// Each option as a tagged paragraph: `--idle-exit` in bold, its value name in italics.
    private static func options(_ options: [CommandSpec.Option]) -> [String] {
        options.flatMap { option -> [String] in
            let names = (option.short.map { $0 + ", " } ?? "") + option.name
            let label =
                option.valueName.map { #".BI "\#(escape(names)) " \#(escape($0))"# } ?? ".B " + escape(names)
            return [".TP", label, escape(option.help)]
        }
    }

    /// Help text as roff: paragraphs at blank lines; lines indented by two spaces are examples, kept unfilled.
    private static func paragraphs(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = [".PP"]
        var inExample = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isExample = line.hasPrefix("  ")
            if isExample != inExample {
                lines += isExample ? [".RS 4", ".nf"] : [".fi", ".RE"]
                inExample = isExample
            }
            if line.isEmpty {
                lines.append(".PP")
            } else {
                lines.append(escape(String(isExample ? line.dropFirst(2) : line[...])))
            }
        }
        if inExample { lines += [".fi", ".RE"] }
        return lines
    }

    /// Text safe for roff: backslashes and hyphen-minus escaped (so options copy as typed), and a line that would
    /// start with a control character (`.` or `'`) guarded.
    static func escape(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}
