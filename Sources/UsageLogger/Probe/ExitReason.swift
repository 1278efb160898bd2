/// Why `claude` said it stopped, read from its last screen: a CLI that exits at once (no network on its first
/// run: `Unable to connect to Anthropic services`, exit 1 within a second) explains itself only there.
enum ExitReason {
    /// Words that open or carry an explanation of a failure.
    private static let markers = [
        "unable to", "failed", "error", "cannot", "can't", "couldn't", "could not", "didn't start", "not found",
        "invalid", "denied", "not logged in", "refused",
    ]

    /// Up to two explaining rows of the last frame that shows anything, joined with "; "; nil when none.
    static func text(in frames: [[String]]) -> String? {
        guard let frame = frames.last(where: { $0.contains { !$0.trimmed.isEmpty } }) else { return nil }
        let rows = frame.map { CaptureLine($0) }.filter { line in
            !line.isBlank && !line.isDecoration && !line.startsWithBlockArt
                && line.text.unicodeScalars.contains { $0.properties.isAlphabetic }
        }
        let explaining = rows.map(\.text).filter { text in
            let lower = text.lowercased()
            return markers.contains { lower.contains($0) }
        }
        guard !explaining.isEmpty else { return nil }
        let text = explaining.prefix(2).map(\.collapsingSpaces).joined(separator: "; ")
        return text.count <= 300 ? text : String(text.prefix(300)) + "…"
    }
}
