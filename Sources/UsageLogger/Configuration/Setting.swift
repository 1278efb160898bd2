/// One known `PET_*` variable: its name, default and meaning. The table drives parsing, help, `config` and the
/// test that keeps `.env.example` complete.
public struct Setting: Sendable, Equatable {
    public let name: String
    /// The default as a person would write it; empty when it is computed (shown in `meaning`).
    public let defaultValue: String
    public let meaning: String

    public static let loggingEnabled = Setting(
        name: "PET_USAGE_LOGGING_ENABLED", defaultValue: "false",
        meaning: "Write records to the log files. Off until you turn it on.")
    public static let usageInterval = Setting(
        name: "PET_USAGE_LOG_INTERVAL", defaultValue: "60000",
        meaning: "Time between /usage records: 1m, 90s, 1h, or milliseconds (100 ms to 7 days).")
    public static let statusInterval = Setting(
        name: "PET_STATUS_LOG_INTERVAL", defaultValue: "3600000",
        meaning: "Time between /status records: 1h, 30m, or milliseconds (100 ms to 7 days).")
    public static let logDirectory = Setting(
        name: "PET_LOG_DIR", defaultValue: "",
        meaning:
            "Log directory (default: ./data/logs in this project's checkout, else ${CLAUDE_CONFIG_DIR:-~/.claude}/pets/logs)."
    )
    public static let storageType = Setting(
        name: "PET_LOG_STORAGE_TYPE", defaultValue: "jsonl",
        meaning:
            "jsonl (the log files), sqlite (only the database at PET_LOG_DB_PATH), or hybrid (the log files, then the database)."
    )
    public static let maxSize = Setting(
        name: "PET_LOG_MAX_SIZE", defaultValue: "10MB",
        meaning:
            "Rotate a log file once it reaches this size, 1KB to 1GB: bytes, or a number with KB, MB or GB (1KB = 1024 bytes)."
    )
    public static let maxFiles = Setting(
        name: "PET_LOG_MAX_FILES", defaultValue: "10",
        meaning: "Rotated files kept per log (file.1 … file.N; 1 to 1000).")
    public static let databasePath = Setting(
        name: "PET_LOG_DB_PATH", defaultValue: "",
        meaning: "The SQLite database for sqlite and hybrid storage (default: <log dir>/usage.db).")
    public static let warnFreeSpace = Setting(
        name: "PET_LOG_WARN_FREE", defaultValue: "100MB",
        meaning: "Warn (once, and in doctor) when the log file system has less free space than this (at most 1024GB).")
    public static let minimumFreeSpace = Setting(
        name: "PET_LOG_MIN_FREE", defaultValue: "10MB",
        meaning:
            "Stop writing while the log file system has less free space than this (at most 1024GB); resume when it returns."
    )
    public static let anonymizeEmail = Setting(
        name: "PET_ANONYMIZE_EMAIL", defaultValue: "false",
        meaning: "Store sha256:<hex> of the lower-cased email instead of the email.")
    public static let excludeCwd = Setting(
        name: "PET_EXCLUDE_CWD", defaultValue: "false",
        meaning: "Store cwd as null.")
    public static let usageSource = Setting(
        name: "PET_USAGE_SOURCE", defaultValue: "auto",
        meaning:
            "Where usage records come from: auto (the statusline's rate_limits while fresh, else claude /usage), command (always claude /usage), or statusline (rate_limits only)."
    )
    public static let screenInterval = Setting(
        name: "PET_USAGE_SCREEN_INTERVAL", defaultValue: "15m",
        meaning:
            "With auto, while the statusline is fresh: time between claude /usage probes for what only the screen shows, 100 ms to 7 days, or 0 for never."
    )
    public static let maxFailures = Setting(
        name: "PET_MAX_CONSECUTIVE_FAILURES", defaultValue: "10",
        meaning: "The companion switches a probe off after this many failures in a row (1 to 1000).")
    public static let idleExit = Setting(
        name: "PET_COMPANION_IDLE_EXIT", defaultValue: "",
        meaning:
            "The companion exits when no statusline has run for this long, 1s to 7d, e.g. 30m (default: never; 30m when the statusline starts it)."
    )
    public static let statuslineFormat = Setting(
        name: "PET_STATUSLINE_FORMAT",
        defaultValue: "{model} | ctx {context} | 5h {five_hour} | 7d {seven_day} | {cost}",
        meaning: "The statusline's parts, separated by ' | '; a part whose value is unknown is left out.")
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
        meaning: "Time a probe may take before claude is ended: 45s, 2m, or milliseconds (100 ms to 1 hour).")
    public static let probeDirectory = Setting(
        name: "PET_PROBE_DIR", defaultValue: "",
        meaning:
            "Directory claude runs in, created 0700 (default: ${XDG_STATE_HOME:-~/.local/state}/usage-logger/probe).")
    public static let alertCommand = Setting(
        name: "PET_ALERT_COMMAND", defaultValue: "",
        meaning:
            "Run this command (no shell; split on spaces with simple quoting) with a JSON description on stdin when a window crosses a threshold, a limit is forecast or hit, or a warning appears (default: no alerts)."
    )
    public static let alertThresholds = Setting(
        name: "PET_ALERT_THRESHOLDS", defaultValue: "80,95,100",
        meaning:
            "The used percentages whose upward crossing alerts, once per reset cycle and window: numbers from 1 to 100, comma-separated."
    )
    public static let metricsTextfile = Setting(
        name: "PET_METRICS_TEXTFILE", defaultValue: "",
        meaning:
            "A directory the companion writes usage_logger.prom to after each record, for node_exporter's textfile collector (empty: off)."
    )
    public static let otlpEndpoint = Setting(
        name: "PET_OTLP_ENDPOINT", defaultValue: "",
        meaning:
            "An OpenTelemetry collector's OTLP/HTTP address, e.g. http://collector:4318: the companion and once push metrics to /v1/metrics and limit hits and warning changes to /v1/logs (empty: off)."
    )
    public static let otlpHeaders = Setting(
        name: "PET_OTLP_HEADERS", defaultValue: "",
        meaning:
            "Headers for each OTLP request, as key=value,key2=value2 with percent-encoded values (e.g. Authorization=Bearer%20TOKEN); never printed or stored."
    )
    public static let otlpTimeout = Setting(
        name: "PET_OTLP_TIMEOUT", defaultValue: "2s",
        meaning: "The longest an OTLP push may take, 100 ms to 30 s: what was not sent waits on disk for the next push."
    )
    public static let loggingDebug = Setting(
        name: "PET_LOGGING_DEBUG", defaultValue: "false",
        meaning: "Keep the cleaned screen text (raw) in every record and explain more on stderr.")

    /// Every known setting, in the order `config` prints them.
    public static let all: [Setting] = [
        loggingEnabled, usageInterval, statusInterval, logDirectory, storageType, maxSize, maxFiles, databasePath,
        warnFreeSpace, minimumFreeSpace, anonymizeEmail, excludeCwd, usageSource, screenInterval, maxFailures, idleExit,
        statuslineFormat, claudeCommand, statusCommand, usageCommand,
        commandTimeout, probeDirectory, alertCommand, alertThresholds, loggingDebug, metricsTextfile, otlpEndpoint,
        otlpHeaders, otlpTimeout,
    ]

    /// A value `config` shows only as set or not: it holds a secret (a token in a header).
    public var isSecret: Bool { self == .otlpHeaders }
}
