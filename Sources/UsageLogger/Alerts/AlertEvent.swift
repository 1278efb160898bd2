import Foundation

/// Something a person wants to hear about at once: a window crossed a threshold, its recent rate reaches 100 %
/// before the reset, Claude Code refused a request for a plan limit, or a warning appeared. What `PET_ALERT_COMMAND`
/// gets on stdin, as JSON; values never reach its command line.
public struct AlertEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A window's used percentage rose to or past a threshold of `PET_ALERT_THRESHOLDS`.
        case threshold
        /// At the recent rate the window reaches 100 % before it resets.
        case forecast
        /// Claude Code refused a request for a plan limit (the `StopFailure` hook's record).
        case limitHit = "limit_hit"
        /// A warning appeared in `/status` (a config mismatch among them), or one of ours (`database_failing`, …).
        case diagnostic
        /// `usage-logger alert test`.
        case test
    }

    public var kind: Kind
    /// When the record that caused it was taken, seconds since 1970.
    public var time: Double
    public var window: String?
    public var threshold: Double?
    public var usedPercent: Double?
    public var resetsAt: Double?
    /// `forecast`: when 100 % comes at the recent rate.
    public var limitAt: Double?
    /// The account of the latest `/status` (the email, or its hash with `PET_ANONYMIZE_EMAIL`).
    public var account: String?
    /// `diagnostic`: its type and severity; `limit_hit`: the message Claude Code showed, if any.
    public var diagnosticType: String?
    public var severity: String?
    public var message: String?

    public init(kind: Kind, time: Double, window: String? = nil) {
        self.kind = kind
        self.time = time
        self.window = window
    }

    /// One sentence for a notification.
    public var summary: String {
        let percent = usedPercent.map { ReportTimeFormat.number($0) + " %" }
        let reset = resetsAt.map { " (resets \(Self.clock($0)))" } ?? ""
        switch kind {
        case .threshold where (usedPercent ?? 0) >= 100:
            return "\(window ?? "a window") is at \(percent ?? "?"): its limit is reached" + reset
        case .threshold:
            return
                "\(window ?? "a window") is at \(percent ?? "?"), past \(threshold.map(ReportTimeFormat.number) ?? "?") %"
                + reset
        case .forecast:
            return "\(window ?? "a window") will reach 100 % around \(limitAt.map(Self.clock) ?? "?") at the recent "
                + "rate, before it resets\(resetsAt.map { " at \(Self.clock($0))" } ?? ""); now \(percent ?? "?")"
        case .limitHit:
            return "Claude Code refused a request: \(window.map { "\($0) " } ?? "")limit reached" + reset
        case .diagnostic:
            return "Claude Code warning: \(message ?? diagnosticType ?? "?")"
        case .test:
            return "usage-logger alert test: alerts reach you"
        }
    }

    /// The JSON on the command's stdin, keys always present and in this order.
    public func json(host: String) -> JSONValue {
        func time(_ value: Double?) -> JSONValue {
            value.map { .string(Timestamp.string(from: Date(timeIntervalSince1970: $0))) } ?? .null
        }
        return .object([
            ("event", .string(kind.rawValue)),
            ("summary", .string(summary)),
            ("time", time(self.time)),
            ("window", .from(window)),
            ("threshold", .from(threshold)),
            ("used_percent", .from(usedPercent)),
            ("resets_at", time(resetsAt)),
            ("limit_at", time(limitAt)),
            ("account", .from(account)),
            ("host", .string(host)),
            ("diagnostic_type", .from(diagnosticType)),
            ("severity", .from(severity)),
            ("message", .from(message)),
        ])
    }

    /// `Mon 17:00` in the local time zone: a notification is read at once, so the weekday and time say enough.
    private static func clock(_ time: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }
}
