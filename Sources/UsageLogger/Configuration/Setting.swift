/// One known `PET_*` variable: its name, default and meaning. The table drives parsing, help, `config` and the
/// test that keeps `.env.example` complete.
public struct Setting: Sendable, Equatable {
    public let name: String
    /// The default as a person would write it; empty when it is computed (shown in `meaning`).
    public let defaultValue: String
    public let meaning: String

    public static let claudeCommand = Setting(
        name: "PET_CLAUDE_COMMAND", defaultValue: "claude",
        meaning: "The claude executable: a name looked up on PATH, or a path.")
    public static let statusCommand = Setting(
        name: "PET_STATUS_COMMAND", defaultValue: "",
        meaning: "Full command line for /status, split on spaces with simple quoting (default: <claude> /status).")
    public static let usageCommand = Setting(
        name: "PET_USAGE_COMMAND", defaultValue: "",
        meaning: "Full command line for /usage, split on spaces with simple quoting (default: <claude> /usage).")
    public static let commandTimeout = Setting(
        name: "PET_COMMAND_TIMEOUT", defaultValue: "45000",
        meaning: "Milliseconds a probe may take before claude is ended (at least 100).")
    public static let probeDirectory = Setting(
        name: "PET_PROBE_DIR", defaultValue: "",
        meaning:
            "Directory claude runs in, created 0700 (default: ${XDG_STATE_HOME:-~/.local/state}/usage-logger/probe).")
    public static let loggingDebug = Setting(
        name: "PET_LOGGING_DEBUG", defaultValue: "false",
        meaning: "Keep the cleaned screen text (raw) in every record and explain more on stderr.")

    /// Every known setting, in the order `config` prints them.
    public static let all: [Setting] = [
        claudeCommand, statusCommand, usageCommand, commandTimeout, probeDirectory, loggingDebug,
    ]
}
