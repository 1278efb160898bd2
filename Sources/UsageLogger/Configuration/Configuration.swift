import Foundation

/// Every setting, parsed once and up front from the environment and the optional config file (environment
/// wins). Nothing deeper in the code reads variables.
public struct Configuration: Sendable, Equatable {
    public enum StorageType: String, Sendable { case jsonl, sqlite, hybrid }
    public enum UsageSource: String, Sendable, CaseIterable { case command, statusline, auto }

    public var loggingEnabled: Bool
    public var usageIntervalMs: Int
    public var statusIntervalMs: Int
    /// `PET_LOG_DIR` as given (tilde expanded), or nil to auto-detect.
    public var logDirectory: String?
    public var storageType: StorageType
    public var maxSize: Int64
    public var maxFiles: Int
    public var databasePath: String?
    public var warnFreeSpace: Int64
    public var minimumFreeSpace: Int64
    public var anonymizeEmail: Bool
    public var excludeCwd: Bool
    public var usageSource: UsageSource
    /// With `auto` while the statusline is fresh: time between `/usage` probes for what only the screen shows;
    /// 0 never probes then.
    public var screenIntervalMs: Int
    public var maxConsecutiveFailures: Int
    /// Nil: the companion never exits for idleness.
    public var idleExitMs: Int64?
    public var statuslineFormat: String
    public var claudeCommand: String
    public var statusCommand: [String]
    public var usageCommand: [String]
    public var commandTimeoutMs: Int
    public var probeDirectory: String
    public var debug: Bool
    /// `PET_ALERT_COMMAND` as argv; nil when alerts are off.
    public var alertCommand: [String]?
    /// `PET_ALERT_THRESHOLDS`, ascending, each in 1...100.
    public var alertThresholds: [Double]
    /// `PET_METRICS_TEXTFILE` (tilde expanded): where the companion keeps the Prometheus metrics; nil when off.
    public var metricsTextfile: String?
    /// `PET_OTLP_ENDPOINT` and the rest of the OpenTelemetry push; nil when off.
    public var otlp: OTLPSettings?
    /// The probe kinds whose command line was set in full (`PET_STATUS_COMMAND`, `PET_USAGE_COMMAND`).
    public var customCommands: Set<ProbeKind> = []
    /// Each setting's value as written and where it came from, for `config`.
    public var entries: [(setting: Setting, value: String, source: SettingSource)] = []
    public var configFile: String
    /// Problems worth a line on stderr that do not stop the program (unknown `PET_*` names).
    public var warnings: [ConfigurationWarning] = []
    /// The environment's HOME, XDG and Claude Code directories, for paths derived from them.
    public var home: String
    public var xdgStateHome: String
    public var claudeConfigDirectory: String

    public init(environment: [String: String]) throws(ConfigurationError) {
        home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        xdgStateHome = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        claudeConfigDirectory = environment["CLAUDE_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.claude"
        configFile = ConfigurationFile.path(environment: environment, home: home)
        let file = try ConfigurationFile.load(configFile)
        let values = SettingValues(environment: environment, file: file)

        loggingEnabled = try values.boolean(.loggingEnabled)
        usageIntervalMs = try Self.bounded(values.milliseconds(.usageInterval, minimum: 100), .usageInterval, values)
        statusIntervalMs = try Self.bounded(values.milliseconds(.statusInterval, minimum: 100), .statusInterval, values)
        logDirectory = Self.expandingTilde(values.raw(.logDirectory), home: home)
        let storage = values.raw(.storageType) ?? Setting.storageType.defaultValue
        guard let storageType = StorageType(rawValue: storage.lowercased()) else {
            throw ConfigurationError(
                variable: Setting.storageType.name, value: storage, allowed: "use jsonl, sqlite or hybrid")
        }
        self.storageType = storageType
        maxSize = try Self.bounded(values.size(.maxSize), .maxSize, values)
        maxFiles = try Self.bounded(values.count(.maxFiles, minimum: 1), .maxFiles, values)
        databasePath = Self.expandingTilde(values.raw(.databasePath), home: home)
        if let databasePath, !databasePath.hasPrefix("/") {
            // The statusline and the hooks run in each project's directory: a relative path would scatter databases.
            throw ConfigurationError(
                variable: Setting.databasePath.name, value: databasePath,
                allowed: "use an absolute path or one under ~/, e.g. ~/.claude/pets/logs/usage.db")
        }
        warnFreeSpace = try Self.bounded(values.size(.warnFreeSpace), .warnFreeSpace, values)
        minimumFreeSpace = try Self.bounded(values.size(.minimumFreeSpace), .minimumFreeSpace, values)
        anonymizeEmail = try values.boolean(.anonymizeEmail)
        excludeCwd = try values.boolean(.excludeCwd)
        let source = values.raw(.usageSource) ?? Setting.usageSource.defaultValue
        guard let usageSource = UsageSource(rawValue: source.lowercased()) else {
            throw ConfigurationError(
                variable: Setting.usageSource.name, value: source, allowed: "use command, statusline or auto")
        }
        self.usageSource = usageSource
        screenIntervalMs = try Self.screenInterval(values)
        maxConsecutiveFailures = try Self.bounded(values.count(.maxFailures, minimum: 1), .maxFailures, values)
        idleExitMs = try values.raw(.idleExit).map { text throws(ConfigurationError) in
            try Self.bounded(DurationText.milliseconds(text, variable: Setting.idleExit.name), .idleExit, values)
        }
        statuslineFormat = try StatuslineFormat.checked(
            values.raw(.statuslineFormat) ?? Setting.statuslineFormat.defaultValue)
        claudeCommand = values.raw(.claudeCommand) ?? Setting.claudeCommand.defaultValue
        statusCommand = try values.commandLine(.statusCommand) ?? [claudeCommand, "/status"]
        usageCommand = try values.commandLine(.usageCommand) ?? [claudeCommand, "/usage"]
        (claudeCommand, statusCommand, usageCommand) = PathExpansion.commands(
            claudeCommand, statusCommand, usageCommand, home: home)
        customCommands = Set(
            ProbeKind.allCases.filter { values.raw($0 == .status ? .statusCommand : .usageCommand) != nil })
        commandTimeoutMs = try Self.bounded(values.milliseconds(.commandTimeout, minimum: 100), .commandTimeout, values)
        probeDirectory =
            Self.expandingTilde(values.raw(.probeDirectory), home: home) ?? xdgStateHome + "/usage-logger/probe"
        debug = try values.boolean(.loggingDebug)
        alertCommand = try values.commandLine(.alertCommand)
        alertThresholds = try Self.thresholds(values)
        metricsTextfile = Self.expandingTilde(values.raw(.metricsTextfile), home: home)
        if let metricsTextfile, !metricsTextfile.hasPrefix("/") {
            // The companion runs from wherever it was started: a relative directory would move with it.
            throw ConfigurationError(
                variable: Setting.metricsTextfile.name, value: metricsTextfile,
                allowed: "use an absolute directory or one under ~/, e.g. /var/lib/prometheus/node-exporter")
        }
        otlp = try OTLPSettings.parse(values, environment: environment)
        // A secret (the OTLP headers) is kept only in `otlp`, never where the configuration is shown or dumped.
        entries = Setting.all.map { setting in
            let value = values.raw(setting) ?? setting.defaultValue
            return (setting, setting.isSecret && !value.isEmpty ? "(set, hidden)" : value, values.source(setting))
        }
        warnings = Self.unknownNames(in: environment, file: nil) + Self.unknownNames(in: file, file: configFile)
    }

    public static func == (lhs: Configuration, rhs: Configuration) -> Bool {
        lhs.entries.map(\.value) == rhs.entries.map(\.value) && lhs.otlp == rhs.otlp && lhs.home == rhs.home
            && lhs.configFile == rhs.configFile && lhs.claudeConfigDirectory == rhs.claudeConfigDirectory
    }

    /// The argv for a probe kind.
    public func command(for kind: ProbeKind) -> [String] {
        kind == .status ? statusCommand : usageCommand
    }

    /// The variable a probe's command came from, for messages about it.
    public func commandVariable(for kind: ProbeKind) -> String {
        let own = kind == .status ? Setting.statusCommand : Setting.usageCommand
        return customCommands.contains(kind) ? own.name : Setting.claudeCommand.name
    }

    /// The interval of a probe kind.
    public func intervalMs(for kind: ProbeKind) -> Int {
        kind == .status ? statusIntervalMs : usageIntervalMs
    }

    /// The largest value of each numeric setting, and how its range reads in a message. Each keeps a value from
    /// breaking the tool: an interval that overflows the schedule's arithmetic, a size under one byte (every write
    /// would rotate), a rotation that walks ten million names while every writer waits.
    static let upperBounds: [String: (maximum: Int64, allowed: String)] = [
        Setting.usageInterval.name: (
            7 * 86_400_000, "use a whole number of milliseconds from 100 to 604800000 (7 days)"
        ),
        Setting.statusInterval.name: (
            7 * 86_400_000, "use a whole number of milliseconds from 100 to 604800000 (7 days)"
        ),
        Setting.screenInterval.name: (
            7 * 86_400_000,
            "use 0 (never) or a duration from 100 ms to 7 days, such as 15m, 1h or 900000 (milliseconds)"
        ),
        Setting.commandTimeout.name: (3_600_000, "use a whole number of milliseconds from 100 to 3600000 (1 hour)"),
        Setting.idleExit.name: (7 * 86_400_000, "use a duration from 1s to 7d, such as 90s, 30m or 2h"),
        Setting.maxFiles.name: (1_000, "use a whole number from 1 to 1000"),
        Setting.maxFailures.name: (1_000, "use a whole number from 1 to 1000"),
        Setting.maxSize.name: (
            1 << 30, "use a size from 1KB to 1GB: bytes, or a number with KB, MB or GB such as 10MB"
        ),
        Setting.warnFreeSpace.name: (1 << 40, "use a size of at most 1024GB: bytes, or a number with KB, MB or GB"),
        Setting.minimumFreeSpace.name: (1 << 40, "use a size of at most 1024GB: bytes, or a number with KB, MB or GB"),
    ]

    /// The smallest log size: a rotation threshold under one record would rotate on every write.
    static let minimumLogSize: Int64 = 1 << 10

    /// `value` if it is within `setting`'s upper bound (and, for the log size, at least 1KB); else the error that
    /// names the setting, the value as written and the allowed range.
    private static func bounded<Value: BinaryInteger>(_ value: Value, _ setting: Setting, _ values: SettingValues)
        throws(ConfigurationError) -> Value
    {
        guard let bound = upperBounds[setting.name] else { return value }
        let minimum = setting == .maxSize ? minimumLogSize : Int64.min
        guard Int64(value) > bound.maximum || Int64(value) < minimum else { return value }
        throw ConfigurationError(
            variable: setting.name, value: values.raw(setting) ?? setting.defaultValue, allowed: bound.allowed)
    }

    /// `PET_USAGE_SCREEN_INTERVAL`: 0 (never), or a duration within the setting's bounds; an error names both.
    private static func screenInterval(_ values: SettingValues) throws(ConfigurationError) -> Int {
        let setting = Setting.screenInterval
        let text = values.raw(setting) ?? setting.defaultValue
        let compact = text.lowercased().filter { $0 != " " }
        if ["0", "0ms", "0s", "0m", "0h", "0d"].contains(compact) { return 0 }
        let milliseconds: Int
        do {
            milliseconds = try values.milliseconds(setting, minimum: 100)
        } catch {
            let allowed = upperBounds[setting.name]?.allowed ?? ""
            throw ConfigurationError(variable: setting.name, value: text, allowed: allowed)
        }
        return try bounded(milliseconds, setting, values)
    }

    /// `PET_ALERT_THRESHOLDS`: percentages from 1 to 100, comma-separated, in any order; an error names them.
    private static func thresholds(_ values: SettingValues) throws(ConfigurationError) -> [Double] {
        let setting = Setting.alertThresholds
        let text = values.raw(setting) ?? setting.defaultValue
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap { Double($0.hasSuffix("%") ? String($0.dropLast()) : $0) }
        guard !parts.isEmpty, numbers.count == parts.count, numbers.allSatisfy({ $0 >= 1 && $0 <= 100 }) else {
            throw ConfigurationError(
                variable: setting.name, value: text,
                allowed: "use percentages from 1 to 100 separated by commas, such as 80,95,100")
        }
        return Array(Set(numbers)).sorted()
    }

    static func expandingTilde(_ path: String?, home: String) -> String? {
        guard let path else { return nil }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// A warning for each `PET_*` name that is not a known setting, with the closest known name.
    static func unknownNames(in values: [String: String], file: String?) -> [ConfigurationWarning] {
        let known = Set(Setting.all.map(\.name))
        return values.keys.filter { $0.hasPrefix("PET_") && !known.contains($0) }.sorted().map { name in
            .unknownSetting(name: name, file: file, suggestion: Suggestion.closest(to: name, among: Array(known)))
        }
    }
}
