import Foundation

/// The parts of Claude Code's statusLine JSON the statusline uses. Every field may be missing or null (and
/// numbers may come as strings): a missing value is unknown, never zero.
struct StatuslineData: Equatable {
    struct Limit: Equatable {
        /// Percent used, 0–100 as Claude Code defines it.
        var usedPercent: Double
        var resetsAt: Date?
    }

    var sessionID: String?
    var cwd: String?
    var model: String?
    var version: String?
    var contextPercent: Double?
    var costUSD: Double?
    var totalTokens: Int?
    var fiveHour: Limit?
    var sevenDay: Limit?
    /// The `rate_limits` object as received, to keep for later renders without it.
    var rateLimits: JSONValue?

    init(_ json: JSONValue?) {
        guard let json else { return }
        sessionID = json["session_id"]?.stringValue
        cwd = json["cwd"]?.stringValue ?? json["workspace"]?["current_dir"]?.stringValue
        model = json["model"]?["display_name"]?.stringValue ?? json["model"]?["id"]?.stringValue
        version = json["version"]?.stringValue
        contextPercent = Self.number(json["context_window"]?["used_percentage"])
        costUSD = Self.number(json["cost"]?["total_cost_usd"])
        let input = Self.number(json["context_window"]?["total_input_tokens"])
        let output = Self.number(json["context_window"]?["total_output_tokens"])
        if let input, let output, input + output < 1e15 { totalTokens = Int(input + output) }
        if case .object? = json["rate_limits"] { applyRateLimits(json["rate_limits"]) }
    }

    mutating func applyRateLimits(_ limits: JSONValue?) {
        fiveHour = Self.limit(limits?["five_hour"])
        sevenDay = Self.limit(limits?["seven_day"])
        rateLimits = (fiveHour != nil || sevenDay != nil) ? limits : nil
    }

    private static func limit(_ value: JSONValue?) -> Limit? {
        guard let used = number(value?["used_percentage"]), (0...100).contains(used) else { return nil }
        let resets = number(value?["resets_at"]).flatMap { $0 > 0 && $0 < 1e11 ? Date(timeIntervalSince1970: $0) : nil }
        return Limit(usedPercent: used, resetsAt: resets)
    }

    /// A number, also when sent as a string; nil for anything else, NaN and infinities.
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number)?: return Double(number)
        case .double(let number)? where number.isFinite: return number
        case .string(let text)?: return Double(text.trimmed).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }
}

extension StatuslineData {
    /// The `rate_limits` as a `/usage` screen would report them, so the statusline's usage record is built by the
    /// same code as a probe's.
    var usageReport: UsageReport {
        var report = UsageReport()
        func window(_ name: String, _ limit: Limit?) -> UsageReport.Window? {
            limit.map {
                UsageReport.Window(
                    name: name, usedPercent: $0.usedPercent, shownAs: .used, resets: nil, resetsAt: $0.resetsAt,
                    recoveredLoosely: false)
            }
        }
        report.windows = [window("Current session", fiveHour), window("Current week (all models)", sevenDay)]
            .compactMap { $0 }
        return report
    }
}
