import Foundation

/// Every setting, parsed once and up front from the environment. Nothing deeper in the code reads variables.
public struct Configuration: Sendable, Equatable {
    public var claudeCommand: String
    public var statusCommand: [String]
    public var usageCommand: [String]
    public var commandTimeoutMs: Int
    public var probeDirectory: String
    public var debug: Bool
    /// The probe kinds whose command line was set in full (`PET_STATUS_COMMAND`, `PET_USAGE_COMMAND`).
    public var customCommands: Set<ProbeKind> = []
    /// Problems worth a line on stderr that do not stop the program (unknown `PET_*` names).
    public var warnings: [String] = []

    public init(environment: [String: String]) throws(ConfigurationError) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func value(_ setting: Setting) -> String? {
            guard let raw = environment[setting.name]?.trimmed, !raw.isEmpty else { return nil }
            return raw
        }
        claudeCommand = value(.claudeCommand) ?? Setting.claudeCommand.defaultValue
        statusCommand =
            try Self.commandLine(value(.statusCommand), setting: .statusCommand) ?? [claudeCommand, "/status"]
        usageCommand = try Self.commandLine(value(.usageCommand), setting: .usageCommand) ?? [claudeCommand, "/usage"]
        customCommands = Set(ProbeKind.allCases.filter { value($0 == .status ? .statusCommand : .usageCommand) != nil })
        commandTimeoutMs =
            try Self.milliseconds(value(.commandTimeout), setting: .commandTimeout, minimum: 100) ?? 45_000
        let stateHome = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        probeDirectory = Self.expandingTilde(value(.probeDirectory), home: home) ?? stateHome + "/usage-logger/probe"
        debug = try Self.boolean(value(.loggingDebug), setting: .loggingDebug) ?? false
        warnings = Self.unknownNames(in: environment)
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

    static func boolean(_ raw: String?, setting: Setting) throws(ConfigurationError) -> Bool? {
        guard let raw else { return nil }
        switch raw.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default:
            throw ConfigurationError(
                variable: setting.name, value: raw, allowed: "use true/false, yes/no, 1/0 or on/off")
        }
    }

    static func milliseconds(_ raw: String?, setting: Setting, minimum: Int) throws(ConfigurationError) -> Int? {
        guard let raw else { return nil }
        guard let value = Int(raw), value >= minimum else {
            throw ConfigurationError(
                variable: setting.name, value: raw, allowed: "use a whole number of milliseconds, at least \(minimum)")
        }
        return value
    }

    static func commandLine(_ raw: String?, setting: Setting) throws(ConfigurationError) -> [String]? {
        guard let raw else { return nil }
        guard let words = CommandLineSplitter.split(raw), !words.isEmpty else {
            throw ConfigurationError(
                variable: setting.name, value: raw, allowed: "use a command and its arguments; close every quote")
        }
        return words
    }

    static func expandingTilde(_ path: String?, home: String) -> String? {
        guard let path else { return nil }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// A warning for each `PET_*` variable that is not a known setting, with the closest known name.
    static func unknownNames(in environment: [String: String]) -> [String] {
        let known = Set(Setting.all.map(\.name))
        return environment.keys.filter { $0.hasPrefix("PET_") && !known.contains($0) }.sorted().map { name in
            let hint = Suggestion.closest(to: name, among: Array(known)).map { "; did you mean \($0)?" } ?? ""
            return "warning: \(name) is not a usage-logger setting\(hint)"
        }
    }
}
