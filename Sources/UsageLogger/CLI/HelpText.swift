/// The `--help` texts.
enum HelpText {
    static let main = """
        usage-logger \(CLI.version): a history of your Claude Code plan usage and installation health.

        Usage: usage-logger <command> [options]

        Commands:
          probe status|usage        Run `claude /status` or `claude /usage` once and print the record as JSON
          parse status|usage [FILE] Read a captured /status or /usage screen (FILE or stdin), print the record
          help [COMMAND]            Show help for a command

        Options:
          -h, --help                Show help (also after a command)
          -V, --version             Show the version

        Settings come from PET_* environment variables; see `usage-logger help probe` and README.md.
        Exit codes: 0 ok, 64 bad command line, 65 nothing recognised, 66 input not readable,
        69 claude could not run, failed or timed out, 70 internal error, 78 bad PET_* setting.

        """

    static func text(for command: Command) -> String {
        switch command {
        case .parse: parse
        case .probe: probe
        }
    }

    static let parse = """
        Usage: usage-logger parse status|usage [FILE] [--pretty]

        Reads a capture of Claude Code's /status or /usage screen from FILE (or standard input), renders it
        as a terminal would (raw pseudo-terminal bytes and plain text both work), and prints the record that
        `probe` would print, as one JSON line (indented with --pretty).

        Exit codes: 0 the screen was recognised; 65 nothing recognised (the JSON is still printed, with an
        `error` field and the cleaned text in `raw`); 66 FILE cannot be read; 64 bad arguments.

        Example:
          usage-logger parse usage saved-usage-screen.txt --pretty

        """

    static let probe = """
        Usage: usage-logger probe status|usage [--pretty]

        Runs the configured command (default `claude /status` or `claude /usage`) once in a pseudo-terminal,
        in usage-logger's own probe directory, waits for the complete screen, closes it and ends claude, then
        prints the record as JSON. It writes no log and leaves no process behind.

        Settings (environment):
          PET_CLAUDE_COMMAND   the claude executable, a name on PATH or a path (default: claude)
          PET_STATUS_COMMAND   full command line for /status (default: <claude> /status)
          PET_USAGE_COMMAND    full command line for /usage (default: <claude> /usage)
          PET_COMMAND_TIMEOUT  milliseconds before claude is ended (default: 45000)
          PET_PROBE_DIR        where claude runs (default: ${XDG_STATE_HOME:-~/.local/state}/usage-logger/probe)
          PET_LOGGING_DEBUG    true: keep the cleaned screen text in `raw` and say more on stderr

        Exit codes: 0 record complete; 65 the screen held nothing recognisable; 69 claude could not run,
        failed, timed out, or /usage reported an error; 73 the probe directory cannot be created;
        78 bad setting. The JSON is printed in every case but 64 and 78.

        """
}
