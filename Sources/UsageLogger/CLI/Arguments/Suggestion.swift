/// "Did you mean" hints for mistyped commands, flags and variable names.
enum Suggestion {
    /// The candidate closest to `input`, if it is close enough to be a likely typo.
    static func closest(to input: String, among candidates: [String]) -> String? {
        let limit = max(2, input.count / 3)
        let scored = candidates.map {
            ($0, input.lowercased().editDistance(to: $0.lowercased(), limit: limit))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }
}
