/// What one session's transcript says about its API use, read line by line in bounded memory: each response
/// counted once, its model, and the first and last times.
///
/// Claude Code writes one API response as several lines (one per content block, or partial updates), each with
/// the same `message.id`, `requestId` and `usage`: a response is keyed on `message.id` + `requestId` (`message.id`
/// alone when there is no request id; a line with neither counts on its own). Input and cache counts are taken
/// once, output tokens as the largest seen (earlier lines may carry an interim count). Sidechain (subagent) lines
/// count like any other. Failed requests (`model: "<synthetic>"`, no usage) count nothing.
///
/// Responses that began at or before `countedThrough` were counted in an earlier row (the session was resumed,
/// or accounted before as unended) or are history copied from another session: they are still keyed, so their
/// repeated lines are recognised, but not counted.
public struct TranscriptTally: Sendable {
    /// One response, counted or not.
    struct Response: Sendable {
        var model: String
        var tokens: SessionTokens
        var counted: Bool
    }

    public let countedThrough: Double?
    private var keys: [String: Int] = [:]
    private var responses: [Response] = []
    /// The first and last times of the lines after `countedThrough`: the part of the session this row covers.
    public private(set) var firstTime: Double?
    public private(set) var lastTime: Double?
    /// The latest time of a response counted or skipped: where the next row of this session starts.
    public private(set) var lastResponseTime: Double?
    public private(set) var cwd: String?
    public private(set) var version: String?
    /// Requests refused for a plan limit (Claude Code's `error: "rate_limit"` lines), after `countedThrough`:
    /// their times and messages, the last `maximumRefusals`.
    public private(set) var refusals: [(time: Double, message: String?)] = []
    public private(set) var refusalCount = 0
    static let maximumRefusals = 64
    /// Lines that were not JSON (a torn last line while Claude Code writes): passed over.
    public private(set) var skippedLines = 0
    private var times = RecordTime()

    public init(countedThrough: Double? = nil) { self.countedThrough = countedThrough }

    /// The responses counted.
    public var requests: Int { responses.reduce(0) { $0 + ($1.counted ? 1 : 0) } }

    /// Tokens of the responses counted.
    public var tokens: SessionTokens { responses.reduce(SessionTokens()) { $1.counted ? $0 + $1.tokens : $0 } }

    /// Tokens of the responses counted, per model.
    public var tokensByModel: [String: SessionTokens] {
        var result: [String: SessionTokens] = [:]
        for response in responses where response.counted {
            result[response.model, default: SessionTokens()] =
                result[response.model, default: SessionTokens()]
                + response.tokens
        }
        return result
    }

    /// Reads `path` (a transcript) to its end. `noFollow` refuses a symbolic link at the last component.
    public mutating func read(path: String, noFollow: Bool = true) throws(ReportReadError) {
        guard let reader = try LineReader(path: path, noFollow: noFollow) else { return }
        while let line = try reader.next() {
            guard case .text(let bytes) = line else {
                skippedLines += 1
                continue
            }
            add(line: bytes)
        }
    }

    /// One line of a transcript.
    mutating func add(line: UnsafeBufferPointer<UInt8>) {
        var scanner = LineScanner(line)
        var fields = TranscriptLine()
        do {
            try fields.read(&scanner, times: &times)
            try scanner.finish()
        } catch {
            if !line.isEmpty { skippedLines += 1 }
            return
        }
        if let time = fields.time, countedThrough.map({ time > $0 }) ?? true {
            firstTime = min(firstTime ?? time, time)
            lastTime = max(lastTime ?? time, time)
        }
        if cwd == nil { cwd = fields.cwd }
        if let lineVersion = fields.version { version = lineVersion }
        if fields.error == "rate_limit", let time = fields.time, countedThrough.map({ time > $0 }) ?? true {
            refusalCount += 1
            refusals.append((time, fields.errorText))
            if refusals.count > Self.maximumRefusals { refusals.removeFirst() }
        }
        guard let usage = fields.usage, fields.model != "<synthetic>" else { return }
        if let time = fields.time { lastResponseTime = max(lastResponseTime ?? time, time) }
        let key: String? = fields.messageID.map { id in fields.requestID.map { id + ":" + $0 } ?? id }
        if let key, let index = keys[key] {
            responses[index].tokens.output = max(responses[index].tokens.output, usage.output)
            return
        }
        let counted = countedThrough.map { through in fields.time.map { $0 > through } ?? false } ?? true
        if let key { keys[key] = responses.count }
        responses.append(Response(model: fields.model ?? "unknown", tokens: usage, counted: counted))
    }
}
