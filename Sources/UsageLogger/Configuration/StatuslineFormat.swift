/// The parts `PET_STATUSLINE_FORMAT` may name, and the check that it names no other: a misspelt part would
/// otherwise vanish from the line without a word.
enum StatuslineFormat {
    static let parts = [
        "model", "context", "five_hour", "seven_day", "five_hour_pace", "seven_day_pace", "cost", "version", "session",
        "cwd",
    ]

    /// `format` when every `{part}` in it is known; otherwise the error names the first unknown one, the closest
    /// known part, and the list.
    static func checked(_ format: String) throws(ConfigurationError) -> String {
        var rest = Substring(format)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !parts.contains(name) {
                let hint = Suggestion.closest(to: name, among: parts).map { "did you mean {\($0)}? " } ?? ""
                throw ConfigurationError(
                    variable: Setting.statuslineFormat.name, value: format,
                    allowed: "{\(name)} is not a part; \(hint)the parts are "
                        + parts.map { "{\($0)}" }.joined(separator: " "))
            }
            rest = rest[rest.index(after: close)...]
        }
        return format
    }
}
