/// How long a window's cycle lasts, which the report does not say outright: the usual span from a cycle's start
/// to its reset, or failing that what the window's name says (the session is 5 hours, the others weekly).
enum WindowLength {
    static let session = 5.0 * 3600
    static let week = 7.0 * 86_400

    /// Within an hour and a month whatever the cycles say, so a damaged log cannot stretch a chart's ticks.
    static func of(_ window: Report.WindowKey, cycles: [Report.Cycle]) -> Double {
        let spans = cycles.compactMap { cycle in cycle.reset.map { $0 - cycle.start } }.filter { $0.isFinite && $0 > 0 }
            .sorted()
        if !spans.isEmpty { return min(max(spans[spans.count / 2], 3600), 31 * 86_400) }
        let name = window.name.lowercased()
        return name.contains("session") || name.contains("5h") || name.contains("five") ? session : week
    }
}
