/// A usage-logger command in Claude Code's settings: `/path/usage-logger statusline [--chain 'OTHER']` or
/// `/path/usage-logger hook`. Setup writes it and recognises it again, whatever path an earlier set-up used, so
/// that running setup after moving the program updates the entry instead of adding a second one.
struct SettingsCommand: Equatable, Sendable {
    /// The program's path as it is written in the settings.
    var executable: String
    /// `statusline` or `hook`.
    var subcommand: String
    /// The other statusLine command shown after ours (`statusline --chain`).
    var chained: String?

    static let statusline = "statusline"
    static let hook = "hook"

    /// The command line for the settings, every word quoted for the shell Claude Code runs it with.
    var line: String {
        var words = [executable, subcommand]
        if let chained { words += [StatuslineCommand.chainOption.name, chained] }
        return ShellWord.line(words)
    }

    /// The usage-logger command `line` runs, or nil when it runs something else. A command is ours when its first
    /// word is a program named `usage-logger` (or `ourExecutable` itself, however it is named) and its second
    /// word is a usage-logger subcommand; `--chain` and its value are kept, other words ignored.
    static func recognise(_ line: String, ourExecutable: String? = nil) -> SettingsCommand? {
        guard let words = CommandLineSplitter.split(line), words.count >= 2 else { return nil }
        let program = words[0]
        let name = program.split(separator: "/").last.map(String.init) ?? program
        guard name == "usage-logger" || program == ourExecutable,
            words[1] == statusline || words[1] == hook
        else { return nil }
        var chained: String?
        if let index = words.firstIndex(of: StatuslineCommand.chainOption.name), index + 1 < words.count {
            chained = words[index + 1]
        } else if let word = words.first(where: { $0.hasPrefix(StatuslineCommand.chainOption.name + "=") }) {
            chained = String(word.dropFirst(StatuslineCommand.chainOption.name.count + 1))
        }
        return SettingsCommand(executable: program, subcommand: words[1], chained: chained)
    }
}
