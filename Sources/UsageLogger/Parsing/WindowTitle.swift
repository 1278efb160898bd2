/// Recognises `/usage` window titles, strictly and then loosely (captures that lost spaces or letters).
enum WindowTitle {
    enum Match: Equatable {
        case window(name: String, loose: Bool)
        case extraUsage
    }

    private static let known = [
        ("currentsession", "Current session"),
        ("currentweek(allmodels)", "Current week (all models)"),
        ("currentweek(sonnetonly)", "Current week (Sonnet only)"),
        ("currentweek(opus)", "Current week (Opus)"),
    ]

    /// The title a line names, or nil when it does not look like a title.
    static func match(_ text: String) -> Match? {
        let compact = String(text.lowercased().filter { $0 != " " })
        if compact == "extrausage" || compact == "usagecredits" { return .extraUsage }
        if let exact = known.first(where: { $0.0 == compact }) {
            return .window(name: exact.1, loose: text.collapsingSpaces.lowercased() != exact.1.lowercased())
        }
        if compact.hasPrefix("currentweek("), compact.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            let scope = String(text[text.index(after: open)...].dropLast()).trimmed
            return .window(name: "Current week (\(scope))", loose: false)
        }
        if let near = known.first(where: { compact.editDistance(to: $0.0, limit: 2) <= 2 }) {
            return .window(name: near.1, loose: true)
        }
        return nil
    }
}
