/// One installation warning from the System Diagnostics block of `/status`, classified.
public struct Diagnostic: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case configMismatch = "config_mismatch"
        case updatePermissions = "update_permissions"
        case multipleInstallations = "multiple_installations"
        case invalidSettings = "invalid_settings"
        case path
        case leftoverInstallation = "leftover_installation"
        case brokenInstallation = "broken_installation"
        case largeMemoryFile = "large_memory_file"
        /// Not a Claude Code warning: the companion switched a probe off after failing too often.
        case probeDisabled = "probe_disabled"
        /// Not a Claude Code warning: `/usage` probes run signed out while the statusline shows plan limits.
        case probeSignedOut = "probe_signed_out"
        /// Not a Claude Code warning: in `hybrid` storage the SQLite database refuses records (the JSONL has them).
        case databaseFailing = "database_failing"
        case other
    }

    public enum Severity: String, Sendable {
        case error, warning, info
    }

    /// The warning as shown, continuation lines joined with one space.
    public let message: String
    public let kind: Kind
    public let severity: Severity
    /// Structured fields of the warning (`running`, `configured`, `path`, `requires_sudo`, …), as strings.
    public let details: [String: String]

    public init(message: String, kind: Kind, severity: Severity, details: [String: String] = [:]) {
        self.message = message
        self.kind = kind
        self.severity = severity
        self.details = details
    }
}

/// An install-method mismatch: what is running and what the configuration says, both exactly as printed.
public struct ConfigMismatch: Sendable, Equatable {
    public let running: String
    public let configured: String
    public let message: String
}

/// What the auto-update permission warnings say; nil where the capture says nothing.
public struct UpdatePermissions: Sendable, Equatable {
    public var autoUpdate: Bool?
    public var requiresSudo: Bool?
}
