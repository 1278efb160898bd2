/// How long a window's cycle lasts, which the report does not say outright: the usual span from a cycle's start
/// to its reset, or failing that what the window's name says (the session is 5 hours, the others weekly).
enum WindowLength {
    static let session = 5.0 * 3600
    static let week = 7.0 * 86_400

    static func of(_ window: Report.WindowKey, cycles: [Report.Cycle]) -> Double {
        let spans = cycles.compactMap { cycle in cycle.reset.map { $0 - cycle.start } }.filter { $0 > 0 }.sorted()
        if !spans.isEmpty { return spans[spans.count / 2] }
        let name = window.name.lowercased()
        return name.contains("session") || name.contains("5h") || name.contains("five") ? session : week
    }
}
