/// Tokens of one or more API responses, as the API's `usage` object counts them.
public struct SessionTokens: Sendable, Equatable {
    public var input = 0
    public var output = 0
    public var cacheRead = 0
    public var cacheCreation = 0

    public init(input: Int = 0, output: Int = 0, cacheRead: Int = 0, cacheCreation: Int = 0) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheCreation = cacheCreation
    }

    /// Every token the API counted: input, output, cache reads and cache creation.
    public var total: Int { input + output + cacheRead + cacheCreation }

    static func + (lhs: SessionTokens, rhs: SessionTokens) -> SessionTokens {
        SessionTokens(
            input: lhs.input + rhs.input, output: lhs.output + rhs.output, cacheRead: lhs.cacheRead + rhs.cacheRead,
            cacheCreation: lhs.cacheCreation + rhs.cacheCreation)
    }

    /// As `sessions.jsonl` writes it.
    var json: JSONValue {
        .object([
            ("input", .int(input)), ("output", .int(output)), ("cache_read", .int(cacheRead)),
            ("cache_creation", .int(cacheCreation)), ("total", .int(total)),
        ])
    }
}
