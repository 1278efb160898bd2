import Foundation

/// What the OpenTelemetry push remembers between pushes and processes (`otlp.json` beside the logs): how far the
/// logs were turned into log records (a watermark, and the keys of the events sent, so an overlap re-read sends
/// nothing twice), when the collector may be tried again after failures, and what was last said about it.
/// Never anything of the headers.
struct OTLPState: Sendable, Equatable {
    /// The time of the newest event already spooled.
    var watermark: Double?
    /// Keys of the events already spooled (the newest `seenLimit`).
    var seen: [String] = []
    /// Failures in a row that are worth a retry (no answer, 429, 5xx).
    var failures = 0
    /// Not before this time (seconds since 1970) is the collector tried again; nil: at the next push.
    var nextAttempt: Double?
    /// Payloads dropped so far: refused by the collector for good, or pushed out of a full spool.
    var dropped = 0
    /// The kind of the last problem said (`unreachable`, `http 503`, …), so each is said once until it changes.
    var lastProblem: String?

    static let seenLimit = 512

    init() {}

    init(json: JSONValue) {
        watermark = json["watermark"]?.doubleValue
        seen = (json["seen"]?.arrayValue ?? []).compactMap(\.stringValue)
        failures = json["failures"]?.intValue ?? 0
        nextAttempt = json["next_attempt"]?.doubleValue
        dropped = json["dropped"]?.intValue ?? 0
        lastProblem = json["last_problem"]?.stringValue
    }

    var json: JSONValue {
        .object([
            ("watermark", .from(watermark)), ("seen", .array(seen.map(JSONValue.string))),
            ("failures", .int(failures)), ("next_attempt", .from(nextAttempt)), ("dropped", .int(dropped)),
            ("last_problem", .from(lastProblem)),
        ])
    }

    /// The state kept in `logDirectory` (a fresh one when there is none or it cannot be read).
    static func load(logDirectory: String) -> OTLPState {
        let path = LogPaths(directory: logDirectory).otlpState
        guard FileSystem.refusal(at: path) == nil, let data = FileManager.default.contents(atPath: path),
            data.count < 1 << 20, let json = try? JSONParser.parse([UInt8](data))
        else { return OTLPState() }
        return OTLPState(json: json)
    }

    /// Remembers an event's key; false when it was spooled already.
    mutating func remember(_ key: String) -> Bool {
        guard !seen.contains(key) else { return false }
        seen.append(key)
        if seen.count > Self.seenLimit { seen.removeFirst(seen.count - Self.seenLimit) }
        return true
    }

    /// The wait before the next attempt after `failures` failures in a row: 15 s, doubling up to 5 minutes, a
    /// fifth of it random so many laptops do not come back at once; longer when the collector asked for it.
    static func backoff(failures: Int, retryAfter: Double?) -> Double {
        let base = min(300, 15 * Double(1 << min(max(failures - 1, 0), 5)))
        let delay = base * Double.random(in: 0.8...1.0)
        return max(delay, min(retryAfter ?? 0, 3_600))
    }
}
