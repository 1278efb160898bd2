import Foundation

/// What a `/usage` screen says: plan windows, usage credits, the cost block, or why there is nothing.
public struct UsageReport: Sendable, Equatable {
    public enum State: String, Sendable {
        case ok, loading, error, unavailable
    }

    public struct Window: Sendable, Equatable {
        /// The title, e.g. `Current week (all models)`; unknown titles as written.
        public var name: String
        /// Percent of the window used (a `N% left` display is converted); nil if the number made no sense.
        public var usedPercent: Double?
        /// `used`, `left` or `remaining`: what the screen said.
        public var shownAs: UsagePercent.Display
        /// The reset text as shown, without `Resets `.
        public var resets: String?
        public var resetsAt: Date?
        /// True when the title was recognised loosely in a capture that lost letters or spaces.
        public var recoveredLoosely: Bool
    }

    public struct ExtraUsage: Sendable, Equatable {
        public var enabled: Bool?
        public var used: Double?
        public var limit: Double?
        public var usedPercent: Double?
        public var text: String?
    }

    public struct ModelUsage: Sendable, Equatable {
        public var model: String
        public var tokens: TokenCounts
        public var cost: String?
    }

    public struct TokenCounts: Sendable, Equatable {
        public var input = 0
        public var output = 0
        public var cacheRead = 0
        public var cacheWrite = 0
        public var total: Int { input + output + cacheRead + cacheWrite }
    }

    public struct Cost: Sendable, Equatable {
        /// `Total cost` or `Estimated cost` as shown, e.g. `$0.55`.
        public var totalCost: String?
        public var apiDuration: String?
        public var wallDuration: String?
        public var codeChanges: String?
        public var models: [ModelUsage] = []
        /// The session's `Usage:` row (accounts without a subscription).
        public var tokens: TokenCounts?

        public var totalCostUSD: Double? {
            totalCost.flatMap { Double($0.trimmed.drop { $0 == "$" }.prefix { $0.isNumber || $0 == "." }) }
        }
    }

    public struct LoadError: Sendable, Equatable {
        public var type: String?
        public var message: String?
        public var code: String?
    }

    public var windows: [Window] = []
    public var extraUsage: ExtraUsage?
    public var cost: Cost?
    public var error: LoadError?
    public var sawLoading = false
    public var unavailable = false
    /// Why `/usage` shows no data, as the screen says it: `/usage is only available for subscription plans.`,
    /// `Unknown skill: usage`.
    public var unavailableReason: String?
    /// The 2.1.208+ rate-limited fallback: last-known bars.
    public var stale = false

    public init() {}

    /// Nil when the screen held nothing recognisable.
    public var state: State? {
        if !windows.isEmpty || cost != nil || extraUsage != nil { return .ok }
        if error != nil { return .error }
        if unavailable { return .unavailable }
        if sawLoading { return .loading }
        return nil
    }

    /// Tokens shown by the cost block, summed over models (input, output, cache read and cache write).
    public var totalTokens: Int? {
        guard let cost else { return nil }
        if !cost.models.isEmpty { return cost.models.reduce(0) { $0 + $1.tokens.total } }
        return cost.tokens?.total
    }

    /// Whether any field was recovered loosely, so the raw text should be kept.
    public var recoveredLoosely: Bool { windows.contains { $0.recoveredLoosely } }

    /// How much the screen told us, counting every recognised row, so that a half-erased redraw (the cost block
    /// without its last rows, seen after Esc in 2.1.139 to 2.1.235) never outscores the complete dialog.
    var score: Int {
        var score = windows.count * 4 + windows.filter { $0.resets != nil }.count
        // A window under a known title counts more than one under whatever row a half-finished redraw left above
        // its percentage (2.1.283: `What's contributing to your usage?` over `42% used`).
        score +=
            windows.filter { if case .window(_, false)? = WindowTitle.match($0.name) { true } else { false } }.count
        if let cost {
            let rows: [Any?] = [cost.totalCost, cost.apiDuration, cost.wallDuration, cost.codeChanges, cost.tokens]
            score += 2 + rows.compactMap { $0 }.count + cost.models.count
        }
        if extraUsage != nil { score += 1 }
        if error != nil { score += 2 }
        if unavailable { score += 2 }
        if sawLoading, windows.isEmpty { score += 1 }
        return score
    }
}
