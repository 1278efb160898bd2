/// What one log line says, reduced to what the report and `export` need. Times are seconds since 1970: the report
/// reads hundreds of thousands of lines and compares times constantly, so they stay plain numbers until shown.
public enum ReportSample: Sendable, Equatable {
    case usage(UsageReading)
    case status(StatusReading)
    case diagnostic(DiagnosticReading)

    public var time: Double {
        switch self {
        case .usage(let reading): reading.time
        case .status(let reading): reading.time
        case .diagnostic(let reading): reading.time
        }
    }
}

/// One `usage.jsonl` record: every window it shows, and how the reading went.
public struct UsageReading: Sendable, Equatable {
    public var time: Double
    /// The log directory's label (`--logs name=DIR`); empty when only one directory is read.
    public var label: String
    /// `command` (a `/usage` probe), `statusline` (Claude Code's `rate_limits`) or `hook`.
    public var source: String
    /// `usage_data.state`: `ok`, `error`, `loading`, `unavailable`, `limited`; nil when absent.
    public var state: String?
    /// `usage_data.error.type` (`rate_limit_error`, `authentication_error`, `probe_failed` for a probe that failed on our side, …) when the record
    /// has an error.
    public var errorType: String?
    public var sessionID: String?
    public var windows: [WindowReading]

    public init(
        time: Double, label: String = "", source: String, state: String? = "ok", errorType: String? = nil,
        sessionID: String? = nil, windows: [WindowReading]
    ) {
        self.time = time
        self.label = label
        self.source = source
        self.state = state
        self.errorType = errorType
        self.sessionID = sessionID
        self.windows = windows
    }
}

/// One window of a usage record. The statusline's `rate_limits` give `five_hour` and `seven_day`; they are named
/// like the `/usage` screen's windows (`Current session`, `Current week (all models)`) so both sources make one
/// history.
public struct WindowReading: Sendable, Equatable {
    public var name: String
    public var usedPercent: Double?
    public var resetsAt: Double?

    public init(name: String, usedPercent: Double?, resetsAt: Double?) {
        self.name = name
        self.usedPercent = usedPercent
        self.resetsAt = resetsAt
    }
}

/// One `status.jsonl` record: what identifies the installation and the account.
public struct StatusReading: Sendable, Equatable {
    public var time: Double
    public var label: String
    public var version: String?
    public var model: String?
    /// The email as stored (clear, or `sha256:…` with `PET_ANONYMIZE_EMAIL`), else the login method or
    /// organization; nil when none is shown.
    public var account: String?
    /// The record has an error (a probe that failed): its other fields say nothing.
    public var failed: Bool

    public init(
        time: Double, label: String = "", version: String?, model: String?, account: String?, failed: Bool = false
    ) {
        self.time = time
        self.label = label
        self.version = version
        self.model = model
        self.account = account
        self.failed = failed
    }
}

/// One `diagnostics.jsonl` record: a warning that appeared or was resolved.
public struct DiagnosticReading: Sendable, Equatable {
    public enum Event: String, Sendable { case appeared, resolved }
    public var time: Double
    public var label: String
    public var type: String
    public var severity: String
    public var message: String
    public var event: Event

    public init(
        time: Double, label: String = "", type: String, severity: String, message: String, event: Event
    ) {
        self.time = time
        self.label = label
        self.type = type
        self.severity = severity
        self.message = message
        self.event = event
    }
}
