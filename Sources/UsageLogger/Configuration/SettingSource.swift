import Foundation

/// Where a setting's value came from: environment > config file > default.
public enum SettingSource: String, Sendable {
    case environment
    case file
    case defaultValue = "default"
}

/// The raw values of every setting with their sources, before they are checked.
struct SettingValues {
    private var values: [String: (value: String, source: SettingSource)] = [:]

    init(environment: [String: String], file: [String: String]) {
        for setting in Setting.all {
            if let value = environment[setting.name]?.trimmed, !value.isEmpty {
                values[setting.name] = (value, .environment)
            } else if let value = file[setting.name]?.trimmed, !value.isEmpty {
                values[setting.name] = (value, .file)
            }
        }
    }

    /// The value set for `setting`, or nil when the default applies.
    func raw(_ setting: Setting) -> String? { values[setting.name]?.value }

    func source(_ setting: Setting) -> SettingSource { values[setting.name]?.source ?? .defaultValue }

    func boolean(_ setting: Setting) throws(ConfigurationError) -> Bool {
        let text = raw(setting) ?? setting.defaultValue
        switch text.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default:
            throw ConfigurationError(
                variable: setting.name, value: text, allowed: "use true/false, yes/no, 1/0 or on/off")
        }
    }

    /// A duration: milliseconds, or a number with ms, s, m, h or d (`90s`, `1m`, `1h`).
    func milliseconds(_ setting: Setting, minimum: Int) throws(ConfigurationError) -> Int {
        let text = raw(setting) ?? setting.defaultValue
        let value = try DurationText.milliseconds(text, variable: setting.name, minimumMs: Int64(minimum))
        return Int(clamping: value)
    }

    func count(_ setting: Setting, minimum: Int) throws(ConfigurationError) -> Int {
        try wholeNumber(setting, minimum: minimum, unit: "")
    }

    private func wholeNumber(_ setting: Setting, minimum: Int, unit: String) throws(ConfigurationError) -> Int {
        let text = raw(setting) ?? setting.defaultValue
        guard let value = Int(text), value >= minimum else {
            throw ConfigurationError(
                variable: setting.name, value: text, allowed: "use a whole number\(unit), at least \(minimum)")
        }
        return value
    }

    /// Bytes, or a number with KB, MB or GB (powers of 1024), case and a space before the unit allowed.
    func size(_ setting: Setting) throws(ConfigurationError) -> Int64 {
        let text = raw(setting) ?? setting.defaultValue
        let compact = text.uppercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Int64)] = [
            ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1),
        ]
        var number = compact
        var multiplier: Int64 = 1
        if let unit = units.first(where: { compact.hasSuffix($0.0) }) {
            number = String(compact.dropLast(unit.0.count))
            multiplier = unit.1
        }
        guard let value = Double(number), value > 0, value * Double(multiplier) < 1e18 else {
            throw ConfigurationError(
                variable: setting.name, value: text,
                allowed: "use a size above zero: bytes, or a number with KB, MB or GB such as 10MB")
        }
        return Int64(value * Double(multiplier))
    }

    func commandLine(_ setting: Setting) throws(ConfigurationError) -> [String]? {
        guard let text = raw(setting) else { return nil }
        guard let words = CommandLineSplitter.split(text), !words.isEmpty else {
            throw ConfigurationError(
                variable: setting.name, value: text, allowed: "use a command and its arguments; close every quote")
        }
        return words
    }
}
