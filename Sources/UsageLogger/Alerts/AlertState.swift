/// What the alerts remember between runs (`alerts.json` beside the logs), so that each crossing alerts once per
/// reset cycle whichever process sees it, across restarts: per window its cycle (reset time and peak), the
/// thresholds and forecast already alerted in it, and its recent readings for the rate; the newest record looked
/// at; the account; and the limit hits and warnings already alerted.
struct AlertState: Sendable, Equatable {
    struct Window: Sendable, Equatable {
        var resetsAt: Double?
        /// The highest percentage of the cycle so far (a fall from it only a reset explains starts a new cycle).
        var peak: Double = 0
        var lastPercent: Double = 0
        var fired: [Double] = []
        var forecastFired = false
        /// Recent (time, percent) readings of the cycle, one per `sampleSpacing` at most.
        var recent: [[Double]] = []
    }

    var windows: [String: Window] = [:]
    /// The time of the newest record already evaluated.
    var watermark: Double?
    var account: String?
    /// Keys of the limit hits and warnings already alerted (the newest `seenLimit`).
    var seen: [String] = []

    static let seenLimit = 256

    init() {}

    var json: JSONValue {
        .object([
            ("watermark", .from(watermark)),
            ("account", .from(account)),
            (
                "windows",
                .object(
                    windows.sorted { $0.key < $1.key }.map { name, window in
                        (
                            name,
                            .object([
                                ("resets_at", .from(window.resetsAt)), ("peak", .double(window.peak)),
                                ("last_percent", .double(window.lastPercent)),
                                ("fired", .array(window.fired.map(JSONValue.double))),
                                ("forecast_fired", .bool(window.forecastFired)),
                                ("recent", .array(window.recent.map { .array($0.map(JSONValue.double)) })),
                            ])
                        )
                    })
            ),
            ("seen", .array(seen.map(JSONValue.string))),
        ])
    }

    init(json: JSONValue) {
        watermark = json["watermark"]?.doubleValue
        account = json["account"]?.stringValue
        if case .object(let members)? = json["windows"] {
            for (name, value) in members {
                var window = Window()
                window.resetsAt = value["resets_at"]?.doubleValue
                window.peak = value["peak"]?.doubleValue ?? 0
                window.lastPercent = value["last_percent"]?.doubleValue ?? 0
                window.fired = (value["fired"]?.arrayValue ?? []).compactMap(\.doubleValue)
                window.forecastFired = value["forecast_fired"] == .bool(true)
                window.recent = (value["recent"]?.arrayValue ?? []).compactMap { pair in
                    let numbers = (pair.arrayValue ?? []).compactMap(\.doubleValue)
                    return numbers.count == 2 ? numbers : nil
                }
                windows[name] = window
            }
        }
        seen = (json["seen"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Remembers an alerted event's key; false when it was already alerted.
    mutating func remember(_ key: String) -> Bool {
        guard !seen.contains(key) else { return false }
        seen.append(key)
        if seen.count > Self.seenLimit { seen.removeFirst(seen.count - Self.seenLimit) }
        return true
    }
}
