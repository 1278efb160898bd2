import Foundation

/// `usage-logger hook`: the one command for Claude Code's hooks. Reads the event's JSON on stdin (bounded), acts
/// on `SessionStart`, `StopFailure` and `SessionEnd`, prints nothing on stdout (Claude Code adds a SessionStart
/// hook's output to the conversation) and always exits 0: a hook must never get in Claude Code's way.
enum HookCommand {
    static let spec = CommandSpec(
        name: "hook", abstract: "Claude Code's hook command: limit hits and per-session tokens",
        discussion: """
            Claude Code's hook command, one for every event: it reads the event's JSON on stdin (at most 1 MiB, at
            most 0.3 s), never prints on standard output and always exits 0. With logging on
            (PET_USAGE_LOGGING_ENABLED) it records:

            StopFailure: a request Claude Code refused or failed. Appends a usage record with source "hook", state
            "limited" for a plan limit (error rate_limit), else "error" with usage_data.error.type set to the
            hook's error; the message Claude Code showed (cut to 300 characters); and the last 5-hour and 7-day
            readings the statusline saw, so `usage-logger report` lists when you were blocked and until when.
            (`claude -p` may end this hook before it starts: SessionEnd then records the hit from the transcript.)

            SessionEnd: reads the session's transcript (only under ${CLAUDE_CONFIG_DIR:-~/.claude}/projects/,
            never a symbolic link; streamed, read-only) and its subagents', and appends one row to sessions.jsonl:
            requests, tokens (input, output, cache_read, cache_creation, total) and tokens per model, each API
            response counted once; Claude Code's own cost when the statusline saw it; limit hits. A resumed session
            is not counted twice.

            SessionStart: remembers a resume, and gives a row (end_reason "unended") to sessions whose transcript
            has not changed for 30 minutes and that never ended cleanly (a closed terminal): at most 4 a run.

            Nothing is recorded inside usage-logger's own probes or for sessions in its probe directory.
            """,
        epilogue: """
            `usage-logger setup hooks` installs it. By hand, in ~/.claude/settings.json (use the full path):
              { "hooks": {
                  "SessionStart": [{ "matcher": "", "hooks": [{ "type": "command", "command": "usage-logger hook" }] }],
                  "StopFailure":  [{ "matcher": "", "hooks": [{ "type": "command", "command": "usage-logger hook" }] }],
                  "SessionEnd":   [{ "matcher": "", "hooks": [{ "type": "command", "command": "usage-logger hook" }] }]
              } }
            """,
        exitCodes: [.init(.success, meaning: "always, whatever the input")])

    /// The longest a hook runs: a transcript of several hundred MB takes a few seconds; past this the process
    /// leaves (exit 0) rather than hold Claude Code up. Only in a process of its own (`handlesSignals`).
    static let runLimitSeconds = 30

    /// `configuration` is nil when nothing may be recorded (settings invalid, inside a probe).
    static func run(
        configuration: Configuration?, console: Console, input: () -> [UInt8], currentDirectory: String,
        isOwnProcess: Bool
    ) -> ExitCode {
        if isOwnProcess {
            // `claude -p` (2.1.332) sends SIGTERM to a StopFailure hook's process group as it shuts down, tens of
            // milliseconds after starting it: the record would be lost. The work is short and bounded by
            // `runLimitSeconds`, so it is finished (main.swift ignores the signals earlier still; this covers
            // other callers of `CLI.run`).
            for stop in [SIGTERM, SIGINT, SIGHUP] { signal(stop, SIG_IGN) }
        }
        let bytes = input()
        guard let configuration, configuration.loggingEnabled, let json = try? JSONParser.parse(bytes) else {
            return .success
        }
        if isOwnProcess {
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(runLimitSeconds)) { _exit(0) }
        }
        let chosen = LogDirectory.choose(configuration: configuration, currentDirectory: currentDirectory)
        guard let directory = try? chosen.prepare(configuration: configuration) else { return .success }
        HookHandler(configuration: configuration, directory: directory.path).handle(HookInput(json))
        return .success
    }
}
