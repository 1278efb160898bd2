/// The `--help` texts.
enum HelpText {
    static let main = """
        usage-logger \(CLI.version): a history of your Claude Code plan usage and installation health.

        Usage: usage-logger <command> [options]

        Commands:
          statusline                Claude Code's statusLine command: one line from its JSON on stdin
          run [--idle-exit DURATION] The companion: probes /status hourly and /usage every minute until stopped
          once [usage|status|all]   Probe and append the records to the logs (cron: `once --due`)
          append usage|status|diagnostics [FILE]
                                    Append JSON lines from another source through the same safe writer
          config [--json]           Show every setting, its value and source, and the log directory
          doctor                    Check claude, the login, the logs and free space; say how to fix problems
          probe status|usage        Run `claude /status` or `claude /usage` once and print the record (no log)
          parse status|usage [FILE] Read a captured /status or /usage screen (FILE or stdin), print the record
          help [COMMAND]            Show help for a command

        Options:
          -h, --help                Show help (also after a command)
          -V, --version             Show the version

        Logging is off until PET_USAGE_LOGGING_ENABLED=true. Settings come from PET_* environment variables
        or ~/.config/usage-logger/config.env; `usage-logger config` shows them all, README.md explains them.
        Exit codes: 0 ok, 64 bad command line, 65 nothing recognised or a line rejected, 66 input not
        readable, 69 claude could not run, failed or timed out, 73/74 the log cannot be created/written,
        78 bad PET_* setting.

        """

    static func text(for command: Command) -> String {
        switch command {
        case .run: run
        case .statusline: statusline
        case .once: once
        case .append: append
        case .config: config
        case .doctor: doctor
        case .parse: parse
        case .probe: probe
        }
    }

    static let run = """
        Usage: usage-logger run [--idle-exit DURATION]

        The companion process: probes /status at start and every PET_STATUS_LOG_INTERVAL, /usage every
        PET_USAGE_LOG_INTERVAL, one at a time, on a fixed rate (a turn that comes while a probe still runs is
        skipped), and appends the records as `once` does. After a failure it retries with exponential backoff
        (at most 30 minutes; at least 5 minutes after a rate limit); after PET_MAX_CONSECUTIVE_FAILURES failures
        in a row that probe is switched off (said on stderr and in diagnostics.jsonl). One companion per log
        directory: a second one says which pid runs and exits 0.

        --idle-exit DURATION   exit when no statusline has run for this long (30m, 2h, 90s); also
                               PET_COMPANION_IDLE_EXIT. The statusline starts the companion with 30m.

        SIGINT/SIGTERM: stops the running probe and exits 0 within 2 seconds. SIGHUP: reads the configuration
        again (a bad new value is reported and the old one kept).
        Exit codes: 0 stopped; 69 every probe switched off; 73 the log directory cannot be used; 78 bad setting.

        """

    static let statusline = """
        Usage: usage-logger statusline

        Claude Code's statusLine command. Add to ~/.claude/settings.json:
          { "statusLine": { "type": "command", "command": "usage-logger statusline" } }

        Reads Claude Code's JSON on stdin (at most 1 MiB, at most 0.3 s) and prints one line: model, context
        used, 5-hour and 7-day usage with time to reset, session cost. Parts and order come from
        PET_STATUSLINE_FORMAT (placeholders {model} {context} {five_hour} {seven_day} {cost} {version} {session}
        {cwd}, parts separated by ' | '; unknown values are left out). Yellow at 80%, red at 95%, no colour
        with NO_COLOR. Always exits 0, whatever the input.

        With logging on it also records the session, appends a usage record from rate_limits at most once per
        PET_USAGE_LOG_INTERVAL, and starts the companion (`run --idle-exit 30m`) if none is running.

        """

    static let once = """
        Usage: usage-logger once [usage|status|all] [--due]

        The cron-style one-shot: runs the probe(s) (default: all, /status first), parses the screens and appends
        the records to usage.jsonl and status.jsonl in the log directory; changes in installation warnings go
        to diagnostics.jsonl. Does nothing but say how to turn it on while PET_USAGE_LOGGING_ENABLED is off.

        --due   run only what is due by PET_USAGE_LOG_INTERVAL and PET_STATUS_LOG_INTERVAL, so one crontab line
                gives /usage every minute and /status every hour:
                  * * * * * /usr/local/bin/usage-logger once --due

        A kind another usage-logger is already probing is skipped (a note on stderr, exit 0).
        Exit codes: 0 all records written; 69 a probe failed or timed out (its error record is still written);
        73 the log directory cannot be created; 74 a log cannot be written (disk full, low space); 78 bad setting.

        """

    static let append = """
        Usage: usage-logger append usage|status|diagnostics [FILE]

        Appends JSON lines (from FILE, or standard input) to usage.jsonl, status.jsonl or diagnostics.jsonl
        through the same locked, rotated, 0600 writer as `once`, so other sources (your own scraper, another
        tool's export) land in the same files. Each line must be one JSON object; a `timestamp` is added first
        when it has none. A bad line is reported with its number and nothing of it is written; the others are.
        Works whether or not PET_USAGE_LOGGING_ENABLED is on: you asked for it.

        Exit codes: 0 all lines written; 65 some line was rejected; 66 FILE cannot be read; 73/74 the log
        cannot be created or written.

        Example:
          echo '{"usage_data":{"source":"my-scraper","state":"ok"}}' | usage-logger append usage

        """

    static let config = """
        Usage: usage-logger config [--json]

        Prints every setting with its value and where it came from (environment, the config file
        ~/.config/usage-logger/config.env, or the default), then the log directory and why it was chosen.
        Environment wins over the file, the file over the default. --json prints the same for scripts.

        """

    static let doctor = """
        Usage: usage-logger doctor

        Checks and prints, each with a fix when it fails: the claude command and its version, whether you are
        signed in (email and plan; masked with PET_ANONYMIZE_EMAIL), the log directory and its permissions, the
        age of the last record in each log, rotation, free space, and whether a companion process is running.
        Never prints credentials. Exit 0 when healthy, 1 when a check failed.

        """

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
