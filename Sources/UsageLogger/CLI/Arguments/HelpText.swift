/// The `--help` texts, made from the command table: the main help lists every command's synopsis and abstract,
/// a command's help is its declaration laid out (usage, discussion, arguments, options, epilogue, exit codes).
enum HelpText {
    /// `usage-logger --help`.
    static var main: String {
        let program = Command.program
        let commands = Command.allCases.map { (term: $0.spec.briefSynopsis, text: $0.spec.abstract) }
        let sections = [
            "usage-logger \(CLI.version): \(program.abstract).\n",
            "Usage: usage-logger <command> [options]\n",
            "Commands:\n" + TextLayout.rows(commands, maximumTerm: 26),
            "Options:\n" + TextLayout.rows(optionRows(program.visibleOptions), maximumTerm: 26),
            program.epilogue + "\n" + exitCodes(program.exitCodes),
        ]
        return sections.joined(separator: "\n")
    }

    /// `usage-logger help COMMAND`, the same as `usage-logger COMMAND --help`.
    static func text(for spec: CommandSpec) -> String {
        var sections = [usageLine(spec) + "\n"]
        if !spec.discussion.isEmpty { sections.append(spec.discussion + "\n") }
        let described = spec.arguments.filter { !$0.help.isEmpty }
        if !described.isEmpty {
            sections.append("Arguments:\n" + TextLayout.rows(described.map { ($0.placeholder, $0.help) }))
        }
        sections.append("Options:\n" + TextLayout.rows(optionRows(spec.visibleOptions)))
        if !spec.epilogue.isEmpty { sections.append(spec.epilogue + "\n") }
        if !spec.exitCodes.isEmpty { sections.append(exitCodes(spec.exitCodes)) }
        return sections.joined(separator: "\n")
    }

    /// `Usage: usage-logger once [usage|status|all] [--due]`; a long one wrapped, never inside a bracket, and its
    /// further lines indented under the first argument.
    private static func usageLine(_ spec: CommandSpec) -> String {
        let prefix = "Usage: usage-logger \(spec.name)"
        let parts = (spec.arguments.map(\.synopsis) + spec.options.filter { !$0.isHidden }.map(\.synopsis))
            .map { String($0.map { $0 == " " ? TextLayout.glue : $0 }) }
        guard !parts.isEmpty else { return prefix }
        let margin = String(repeating: " ", count: prefix.count + 1)
        let lines = TextLayout.wrap(parts.joined(separator: " "), width: TextLayout.width - margin.count)
        return prefix + " " + lines.joined(separator: "\n" + margin)
    }

    private static func optionRows(_ options: [CommandSpec.Option]) -> [(term: String, text: String)] {
        options.map { ($0.label, $0.help) }
    }

    /// `Exit codes: 0 stopped; 69 every probe switched off.`, wrapped, never between a code and its meaning.
    private static func exitCodes(_ notes: [CommandSpec.ExitCodeNote]) -> String {
        let glued = notes.map { $0.codesText + String(TextLayout.glue) + $0.meaning }
        let sentence = "Exit codes: " + glued.joined(separator: "; ") + "."
        return TextLayout.wrap(sentence).joined(separator: "\n") + "\n"
    }
}
