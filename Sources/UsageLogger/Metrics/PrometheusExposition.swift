/// A `MetricsSnapshot` in the Prometheus text exposition format (version 0.0.4): one `# HELP` and `# TYPE` line per
/// family, then its samples, families in a fixed order and samples sorted by their labels, so the same logs always
/// give the same text. Percentages are ratios (0–1) and times Unix seconds, as Prometheus's naming conventions want;
/// counters end in `_total`. With several `--logs` directories every sample carries a `logs` label.
public enum PrometheusExposition {
    /// The prefix of every metric name.
    public static let prefix = "usage_logger_"
    /// The longest a diagnostic's `label` grows: enough to tell warnings apart on a dashboard, not a whole message.
    static let labelLength = 60

    /// One family: its samples under one HELP and TYPE (what the OTLP push sends as one metric, too).
    struct Family {
        let name: String
        let type: String
        let help: String
        var samples: [(labels: [(String, String)], value: Double)] = []

        mutating func add(_ labels: [(String, String)], _ value: Double) { samples.append((labels, value)) }
    }

    public static func render(_ snapshot: MetricsSnapshot) -> String {
        var text = ""
        for family in families(snapshot) {
            let name = prefix + family.name
            text += "# HELP \(name) \(escapeHelp(family.help))\n# TYPE \(name) \(family.type)\n"
            for sample in family.samples {
                text += name
                if !sample.labels.isEmpty {
                    text += "{" + sample.labels.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",")
                    text += "}"
                }
                text += " " + number(sample.value) + "\n"
            }
        }
        return text
    }

    /// The families with samples, in their fixed order, samples sorted by their labels.
    static func families(_ snapshot: MetricsSnapshot) -> [Family] {
        var ratio = Family(
            name: "window_used_ratio", type: "gauge",
            help: "Share of the plan window used at its latest reading (0-1; Claude Code shows it as a percentage).")
        var resets = Family(
            name: "window_resets_timestamp_seconds", type: "gauge",
            help: "When the window resets, as of its latest reading (Unix time).")
        var lastReading = Family(
            name: "last_reading_timestamp_seconds", type: "gauge",
            help: "When the latest usage reading with a window's percentage was recorded (Unix time).")
        var age = Family(
            name: "reading_age_seconds", type: "gauge",
            help: "Seconds between the latest usage reading and when these metrics were made.")
        var success = Family(
            name: "probe_last_success_timestamp_seconds", type: "gauge",
            help: "When a probe of this kind (claude /usage, claude /status) last succeeded (Unix time).")
        var failures = Family(
            name: "probe_failures_total", type: "counter",
            help: "Probes of this kind that failed or brought no numbers, in the records the logs hold.")
        var active = Family(
            name: "active_diagnostics", type: "gauge",
            help: "Installation warnings Claude Code's /status shows now.")
        var diagnostic = Family(
            name: "diagnostic_active", type: "gauge",
            help: "1 for each installation warning active now: its type, severity and the start of its message.")
        var info = Family(
            name: "claude_code_info", type: "gauge",
            help: "1, labelled with the Claude Code version of the latest /status record.")
        var hits = Family(
            name: "limit_hits_total", type: "counter",
            help: "Limit hits in the records the logs hold: requests refused for a plan limit (kind refused, "
                + "from the hooks) and windows reaching 100 % (kind window).")
        var tokens = Family(
            name: "session_tokens_total", type: "counter",
            help: "Tokens of the Claude Code sessions the hooks counted, by model and type.")
        var oldest = Family(
            name: "oldest_record_timestamp_seconds", type: "gauge",
            help: "The oldest record the logs hold (Unix time): the counters count from here.")

        for label in snapshot.sources.keys.sorted() {
            guard let source = snapshot.sources[label] else { continue }
            let base: [(String, String)] = label.isEmpty ? [] : [("logs", label)]
            for name in source.windows.keys.sorted() {
                guard let window = source.windows[name] else { continue }
                let labels = base + [("window", name), ("source", window.source)]
                ratio.add(labels, window.usedPercent / 100)
                if let resetsAt = window.resetsAt { resets.add(labels, resetsAt) }
            }
            if let time = source.lastReading {
                lastReading.add(base, time)
                age.add(base, (max(0, snapshot.now - time) * 1000).rounded() / 1000)  // to the millisecond
            }
            for kind in ProbeKind.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                let labels = base + [("kind", kind.rawValue)]
                if let time = source.lastSuccess[kind] { success.add(labels, time) }
                failures.add(labels, Double(source.failures[kind] ?? 0))
            }
            active.add(base, Double(source.diagnostics.count))
            for key in source.diagnostics.keys.sorted() {
                let severity = source.diagnostics[key]?.severity ?? ""
                diagnostic.add(
                    base + [("type", key.type), ("severity", severity), ("label", shortLabel(key.message))], 1)
            }
            if let version = source.version { info.add(base + [("version", version)], 1) }
            // Each window's counters start at 0, so the first hit is an increase Prometheus can see.
            var hitKeys = Set(source.limitHits.keys)
            for name in source.windows.keys {
                for kind in ["refused", "window"] {
                    hitKeys.insert(MetricsSnapshot.LimitHitKey(window: name, kind: kind))
                }
            }
            for key in hitKeys.sorted() {
                hits.add(base + [("window", key.window), ("kind", key.kind)], Double(source.limitHits[key] ?? 0))
            }
            for key in source.tokens.keys.sorted() {
                tokens.add(base + [("model", key.model), ("type", key.type)], Double(source.tokens[key] ?? 0))
            }
            if let time = source.oldestRecord { oldest.add(base, time) }
        }
        return [ratio, resets, lastReading, age, success, failures, active, diagnostic, info, hits, tokens, oldest]
            .filter { !$0.samples.isEmpty }
    }

    /// A label value as the format wants it: backslash, double quote and line feed escaped.
    static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// HELP text as the format wants it: backslash and line feed escaped (a double quote stays).
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A sample value: whole numbers without a fraction, others in Swift's shortest exact form (which Prometheus's
    /// Go parser reads), and the format's own words for infinities and NaN.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A warning's message on one line, cut to `labelLength` characters at a word where it can.
    static func shortLabel(_ message: String) -> String {
        let words = message.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map(String.init)
        var label = ""
        for word in words {
            let next = label.isEmpty ? word : label + " " + word
            if next.count > labelLength {
                if label.isEmpty { label = String(word.prefix(labelLength - 1)) }
                return label + "…"
            }
            label = next
        }
        return label
    }
}
