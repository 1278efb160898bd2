/// The variables Claude Code sets for the commands it starts (its statusLine and hooks), which a `claude` we start
/// must never inherit: with them the new `claude` takes itself for a child of the user's session, reports that
/// session's id and project, and can reach the session's messaging socket with its token. The statusline runs
/// with them, and the companion it starts would pass them on; removing them makes a probe started from inside
/// Claude Code the same as one started from cron. Seen from Claude Code 2.1.330 to 2.1.332 (reference, 9.4).
enum ClaudeCodeEnvironment {
    /// Set by Claude Code for every command it starts.
    static let sessionVariables: Set<String> = [
        "CLAUDECODE",
        "CLAUDE_CODE_ENTRYPOINT",
        "CLAUDE_CODE_CHILD_SESSION",
        "CLAUDE_CODE_SESSION_ID",
        "CLAUDE_CODE_SESSION_ATTENDED",
        "CLAUDE_PID",
        "CLAUDE_PROJECT_DIR",
        "CLAUDE_EFFORT",
        "CLAUDE_CODE_MESSAGING_SOCKET",
        "CLAUDE_CODE_MESSAGING_TOKEN",
        // Hooks only.
        "CLAUDE_ENV_FILE",
        "CLAUDE_CODE_CHILD_NOTES_DIR",
        // The harness marker and shell defaults of 2.1.332.
        "AI_AGENT",
        "COREPACK_ENABLE_AUTO_PIN",
        "NoDefaultCurrentDirectoryInExePath",
        // The size of the user's terminal: the probe's pseudo-terminal has its own.
        "COLUMNS",
        "LINES",
    ]

    /// Families of the same plumbing, so that a variable a later release adds beside these is removed too.
    static let sessionPrefixes = ["CLAUDE_CODE_MESSAGING_", "CLAUDE_CODE_CHILD_", "CLAUDE_CODE_SESSION_"]

    static func isSessionVariable(_ name: String) -> Bool {
        sessionVariables.contains(name) || sessionPrefixes.contains { name.hasPrefix($0) }
    }

    /// `environment` without Claude Code's session plumbing; everything of the user's (sign-in, base URL, proxy,
    /// `CLAUDE_CONFIG_DIR`, `PET_*`) stays.
    static func withoutSessionPlumbing(_ environment: [String: String]) -> [String: String] {
        environment.filter { !isSessionVariable($0.key) }
    }
}
