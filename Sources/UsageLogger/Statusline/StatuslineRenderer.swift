import Foundation

/// Builds the one line: parts from `PET_STATUSLINE_FORMAT` separated by ` | `, each with placeholders
/// (`{model}`, `{context}`, `{five_hour}`, `{seven_day}`, `{five_hour_pace}`, `{seven_day_pace}`, `{cost}`,
/// `{version}`, `{session}`, `{cwd}`); a part whose value is unknown is left out. Percentages turn yellow at 80 and
/// red at 95 unless colour is off.
struct StatuslineRenderer {
    let format: String
    let color: Bool
    let now: Date

    /// `limitsAge`: how old the rate limits are when they come from an earlier render, not this input.
    func render(_ data: StatuslineData, limitsAge: TimeInterval? = nil) -> String {
        // Text from Claude Code's JSON reaches the terminal only as printable text (no escapes, no controls).
        var values: [String: String] = [:]
        values["model"] = data.model.map(TerminalText.printable)
        values["version"] = data.version.map(TerminalText.printable)
        values["session"] = data.sessionID.map { String(TerminalText.printable($0).prefix(8)) }
        values["cwd"] = data.cwd.map { (TerminalText.printable($0) as NSString).lastPathComponent }
        values["context"] = data.contextPercent.map { paint(percent($0), level: $0) }
        values["cost"] = data.costUSD.map { String(format: "$%.2f", $0) }
        values["five_hour"] = data.fiveHour.map { limit($0, age: limitsAge) }
        values["seven_day"] = data.sevenDay.map { limit($0, age: limitsAge) }
        values["five_hour_pace"] = data.fiveHour.flatMap { pace($0, window: 5 * 3600, age: limitsAge) }
        values["seven_day_pace"] = data.sevenDay.flatMap { pace($0, window: 7 * 86_400, age: limitsAge) }
        let parts = format.components(separatedBy: " | ").compactMap { fill($0, values) }
        let line = parts.joined(separator: " | ")
        return line.isEmpty ? "Claude Code" : line
    }

    private func fill(_ part: String, _ values: [String: String]) -> String? {
        var output = ""
        var rest = Substring(part)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            guard let value = values[String(rest[rest.index(after: open)..<close])] else { return nil }
            output += value
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        let trimmed = output.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    private func limit(_ limit: StatuslineData.Limit, age: TimeInterval?) -> String {
        var notes: [String] = []
        if let resets = limit.resetsAt, resets > now { notes.append(Self.span(resets.timeIntervalSince(now))) }
        if let age, age >= 60 { notes.append(Self.span(age) + " old") }
        let text = percent(limit.usedPercent) + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")
        return paint(text, level: limit.usedPercent)
    }

    /// Points ahead of (or behind) the even pace, the share of the window's time elapsed when the limit was read:
    /// `12 ahead`, `8 behind`, `on pace`. Nil when the reset is unknown, past, or further off than the window is long
    /// (then the elapsed share means nothing). Ahead by 10 points or more turns yellow: at that rate the limit
    /// comes before the reset.
    private func pace(_ limit: StatuslineData.Limit, window: TimeInterval, age: TimeInterval?) -> String? {
        let readAt = now.addingTimeInterval(-(age ?? 0))
        guard let resets = limit.resetsAt else { return nil }
        let remaining = resets.timeIntervalSince(readAt)
        guard remaining > 0, remaining <= window else { return nil }
        let delta = (limit.usedPercent - (window - remaining) / window * 100).rounded()
        if delta == 0 { return "on pace" }
        if delta < 0 { return "\(Int(-delta)) behind" }
        let text = "\(Int(delta)) ahead"
        return color && delta >= 10 ? "\u{1B}[33m" + text + "\u{1B}[0m" : text
    }

    private func percent(_ value: Double) -> String { "\(Int(value.rounded(.down)))%" }

    private func paint(_ text: String, level: Double) -> String {
        guard color else { return text }
        if level >= 95 { return "\u{1B}[31m" + text + "\u{1B}[0m" }
        if level >= 80 { return "\u{1B}[33m" + text + "\u{1B}[0m" }
        return text
    }

    /// `45m`, `2h10m`, `3d4h`.
    static func span(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(max(minutes, 0))m" }
        if minutes < 24 * 60 { return "\(minutes / 60)h" + (minutes % 60 == 0 ? "" : "\(minutes % 60)m") }
        let hours = minutes / 60
        return "\(hours / 24)d" + (hours % 24 == 0 ? "" : "\(hours % 24)h")
    }
}
