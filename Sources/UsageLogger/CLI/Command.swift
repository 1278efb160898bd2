/// The command table: every command usage-logger has, in the order help lists them. Each command's declaration
/// (`spec`) sits beside its code; help, completions and the man page walk this table, so a command added here
/// appears in all of them.
enum Command: String, CaseIterable, Sendable {
    case statusline, setup, hook, run, once, append, `import`, config, doctor, probe, parse, report, export, metrics,
        alert, help,
        completions, version

    /// The command's declaration.
    var spec: CommandSpec {
        switch self {
        case .statusline: StatuslineCommand.spec
        case .setup: SetupCommand.spec
        case .hook: HookCommand.spec
        case .run: RunCommand.spec
        case .once: OnceCommand.spec
        case .append: AppendCommand.spec
        case .import: ImportCommand.spec
        case .config: ConfigCommand.spec
        case .doctor: DoctorCommand.spec
        case .probe: ProbeCommand.spec
        case .parse: ParseCommand.spec
        case .report: ReportCommand.spec
        case .export: ExportCommand.spec
        case .alert: AlertCommand.spec
        case .metrics: MetricsCommand.spec
        case .help: HelpCommand.spec
        case .completions: CompletionsCommand.spec
        case .version: Self.versionSpec
        }
    }

    /// The command a first word selects: a command's name, or `-h`/`--help` (help) and `-V`/`--version`.
    static func named(_ word: String) throws(CommandLineError) -> Command {
        if let command = Command(rawValue: word) { return command }
        if CommandSpec.Option.help.spellings.contains(word) { return .help }
        if versionOption.spellings.contains(word) { return .version }
        if word.hasPrefix("-") {
            throw CommandLineError(
                "unknown option '\(word)'", typed: word, candidates: program.visibleOptions.map(\.name), command: nil)
        }
        let candidates = allCases.map(\.rawValue) + pointers.keys.sorted()
        let hint = Suggestion.closest(to: word, among: candidates).map { pointers[$0] ?? $0 }
        throw CommandLineError("unknown command '\(word)'", suggestion: hint)
    }

    /// Words people type as a command that are an argument of one (`status` for `probe status`): hinted, not run.
    static let pointers = ["status": "probe status", "usage": "probe usage"]

    static let versionOption = CommandSpec.Option(name: "--version", short: "-V", help: "show the version")

    static let versionSpec = CommandSpec(
        name: "version", abstract: "Show the version (also -V, --version)",
        discussion: "Prints `usage-logger` and its version.",
        exitCodes: [.init(.success, meaning: "printed")])

    /// The program itself: what the main help, the man page's head and its EXIT STATUS say.
    static let program = CommandSpec(
        name: "usage-logger", abstract: "a history of your Claude Code plan usage and installation health",
        options: [versionOption],
        discussion: """
            usage-logger keeps a history of your Claude Code plan usage and installation health. Claude Code shows
            your limits (/usage) and its diagnostics (/status) only on interactive screens; usage-logger reads those
            screens the way a person would and appends one JSON line per reading to usage.jsonl, status.jsonl and
            diagnostics.jsonl, safely (locked, 0600, rotated by size) in a log directory of its own. Most people use
            it as Claude Code's status line (`usage-logger statusline`), which keeps a companion (`usage-logger run`)
            logging while Claude Code is in use; cron (`usage-logger once --due`) works too.
            """,
        epilogue: """
            Logging is off until PET_USAGE_LOGGING_ENABLED=true; `usage-logger setup all --enable-logging` turns it
            on and wires usage-logger into Claude Code in one step. Settings come from PET_* environment variables
            or ~/.config/usage-logger/config.env; `usage-logger config` shows them all, README.md explains them.
            `usage-logger help COMMAND` (or COMMAND --help) explains a command, `usage-logger help --man` prints
            the manual page, and `usage-logger completions bash|zsh|fish` a shell completion script.
            """,
        exitCodes: [
            .init(.success, meaning: "ok"), .init(.failure, meaning: "doctor found a problem"),
            .init(.usage, meaning: "bad command line"),
            .init(.dataError, meaning: "nothing recognised or a line rejected"),
            .init(.noInput, meaning: "input not readable"),
            .init(.unavailable, meaning: "claude could not run, failed or timed out"),
            .init(.cannotCreate, .ioError, meaning: "the log cannot be created/written"),
            .init(.configuration, meaning: "bad PET_* setting"),
        ])
}
