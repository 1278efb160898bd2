/// Durations as people write them: `500ms`, `90s`, `30m`, `2h`, `1d`, or a plain number of milliseconds.
public enum DurationText {
    public static func milliseconds(_ text: String, variable: String) throws(ConfigurationError) -> Int64 {
        let compact = text.lowercased().filter { $0 != " " }
        let units: [(String, Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        var number = compact
        var multiplier = 1.0
        if let unit = units.first(where: { compact.hasSuffix($0.0) && Double(compact.dropLast($0.0.count)) != nil }) {
            number = String(compact.dropLast(unit.0.count))
            multiplier = unit.1
        }
        guard let value = Double(number), value * multiplier >= 1_000, value * multiplier < 1e15 else {
            throw ConfigurationError(
                variable: variable, value: text,
                allowed: "use a duration of at least one second, such as 90s, 30m or 2h")
        }
        return Int64(value * multiplier)
    }
}
