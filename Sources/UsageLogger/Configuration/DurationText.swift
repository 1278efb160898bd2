/// Durations as people write them: `500ms`, `90s`, `30m`, `2h`, `1d`, or a plain number of milliseconds.
public enum DurationText {
    /// The duration in milliseconds; at least `minimumMs` (a second unless said otherwise).
    public static func milliseconds(_ text: String, variable: String, minimumMs: Int64 = 1_000)
        throws(ConfigurationError) -> Int64
    {
        let compact = text.lowercased().filter { $0 != " " }
        let units: [(String, Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        var number = compact
        var multiplier = 1.0
        if let unit = units.first(where: { compact.hasSuffix($0.0) && Double(compact.dropLast($0.0.count)) != nil }) {
            number = String(compact.dropLast(unit.0.count))
            multiplier = unit.1
        }
        guard let value = Double(number), value * multiplier >= Double(minimumMs) else {
            let least = minimumMs >= 1_000 ? "one second" : "\(minimumMs) ms"
            throw ConfigurationError(
                variable: variable, value: text,
                allowed: "use a duration of at least \(least), such as 90s, 30m or 2h (a plain number is milliseconds)")
        }
        return Int64(min(value * multiplier, 9e18))  // past any setting's bound, which then names the range
    }
}
