import Foundation

@testable import UsageLogger

/// A month of logs as a person's machine would keep them, for the report's tests and the page's screenshot. Every
/// record is a copy of one the real Claude Code produced through `../shared/tools/fake-anthropic-api` (the
/// `Fixtures/report/real-*-2.1.332.jsonl` files: `/usage` probes, a statusline render, a timed-out probe, error
/// screens, `/status`, diagnostics), with its time, percentages and resets set by a simulation of a working month:
/// weekday mornings busier, nights with the machine asleep (gaps), 5-hour cycles that start at first use, a weekly
/// reset, a per-model weekly window that comes and goes, limit hits, errors, a Claude Code update, a model change
/// and warnings that come and go. Written through the real `RecordSink`, so rotation is real. Deterministic.
struct RealisticMonth {
    var start = 1_791_763_200.0  // 2026-10-12T00:00:00Z, a Monday
    var days = 30
    var seed: UInt64 = 42
    /// Where the simulated person lives: the machine sleeps at night and work happens by day, in this zone.
    var timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    private let sessionFormat = Self.formatter("h:mma")
    private let weekFormat = Self.formatter("MMM d, h:mma")

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.dateFormat = format
        return formatter
    }

    private static func templates(_ kind: String) -> [JSONValue] {
        Fixtures.text("report/real-\(kind)-2.1.332.jsonl").split(separator: "\n").compactMap {
            try? JSONParser.parse(Array($0.utf8))
        }
    }

    /// Writes the month into `directory` (rotating at `maxSize`); returns how many records of each log.
    @discardableResult
    func write(to directory: String, maxSize: String = "4MB") throws -> [LogName: Int] {
        let configuration = try Configuration(environment: [
            "HOME": directory, "PET_LOG_MAX_SIZE": maxSize, "PET_LOG_MAX_FILES": "1000",
        ])
        try FileSystem.createDirectory(directory, mode: 0o700)
        let sink = RecordSink(directory: directory, configuration: configuration)
        var batches: [LogName: [JSONValue]] = [:]
        var counts: [LogName: Int] = [:]
        func emit(_ record: JSONValue, _ log: LogName) throws {
            batches[log, default: []].append(record)
            counts[log, default: 0] += 1
            if let batch = batches[log], batch.count >= 2_000 {
                try sink.append(batch, to: log)
                batches[log] = []
            }
        }
        var simulation = MonthSimulation(start: start, seed: seed, timeZone: timeZone)
        var active = Set<String>()  // the warnings showing now: /status lists exactly those
        let usage = Self.templates("usage")
        let status = Self.templates("status")[0]
        let diagnostics = Self.templates("diagnostics")
        for minute in 0..<(days * 24 * 60) {
            let now = start + Double(minute) * 60
            let state = simulation.step(to: now)
            for event in state.diagnosticEvents {
                let template = diagnostics[event.index]
                let message = template["message"]?.stringValue ?? ""
                if event.event == "appeared" { active.insert(message) } else { active.remove(message) }
                try emit(
                    template.setting("timestamp", time(now)).setting(
                        "details", (template["details"] ?? .object([])).setting("event", .string(event.event))),
                    .diagnostics)
            }
            guard state.awake else { continue }
            if minute % 60 == 0 {
                try emit(
                    status.setting("timestamp", time(now + 2)).setting("version", .string(state.version))
                        .setting("model", .string(state.model))
                        .setting("diagnostics", Self.showing(active, in: status["diagnostics"] ?? .null)), .status)
            }
            let roll = simulation.random()
            let record: JSONValue
            switch roll {
            case ..<0.006: record = usage[7]  // rate_limit_error from the usage endpoint
            case ..<0.008: record = usage[6]  // authentication_error
            case ..<0.011: record = windows(usage[3], state, exact: false)  // a probe that timed out
            default: record = windows(usage[0], state, exact: false)
            }
            try emit(record.setting("timestamp", time(now + 5)), .usage)
            if state.active, minute % 5 == 2 {
                try emit(windows(usage[4], state, exact: true).setting("timestamp", time(now + 20)), .usage)
            }
        }
        for (log, records) in batches where !records.isEmpty { try sink.append(records, to: log) }
        return counts
    }

    /// A `/status` record's diagnostics block with only the warnings in `active`, as `/status` would show them.
    private static func showing(_ active: Set<String>, in diagnostics: JSONValue) -> JSONValue {
        func kept(_ key: String, message: (JSONValue) -> String?) -> JSONValue {
            let items = (diagnostics[key]?.arrayValue ?? []).filter { message($0).map(active.contains) ?? false }
            return items.isEmpty && key != "warnings" && key != "items" ? .null : .array(items)
        }
        return diagnostics.setting("warnings", kept("warnings") { $0.stringValue })
            .setting("config_mismatches", kept("config_mismatches") { $0.stringValue })
            .setting("mismatch_details", kept("mismatch_details") { $0["message"]?.stringValue })
            .setting("items", kept("items") { $0["message"]?.stringValue })
    }

    /// The template with its windows set from the simulation: `/usage` shows resets to the minute with their text,
    /// the statusline exact epoch seconds and no text.
    private func windows(_ template: JSONValue, _ state: MonthSimulation.State, exact: Bool) -> JSONValue {
        let shape = template["usage_data"]?["windows"]?.arrayValue?.first ?? .object([])
        let windows = state.windows.filter { !exact || !$0.name.contains("(Opus)") }.map { window -> JSONValue in
            let resetsAt = exact ? window.resetsAt : (window.resetsAt / 60).rounded() * 60
            return shape.setting("name", .string(window.name)).setting("used_percent", .int(Int(window.percent)))
                .setting("resets", exact ? .null : .string(resetsText(resetsAt, weekly: window.weekly)))
                .setting("resets_at", time(resetsAt))
        }
        let data = (template["usage_data"] ?? .object([])).setting("windows", .array(windows))
        return template.setting("usage_data", data)
    }

    private func resetsText(_ time: Double, weekly: Bool) -> String {
        let formatter = weekly ? weekFormat : sessionFormat
        let text = formatter.string(from: Date(timeIntervalSince1970: time)).replacingOccurrences(of: "AM", with: "am")
            .replacingOccurrences(of: "PM", with: "pm")
        return "\(text) (\(timeZone.identifier))"
    }

    private func time(_ seconds: Double) -> JSONValue {
        .string(Timestamp.string(from: Date(timeIntervalSince1970: seconds)))
    }
}

extension JSONValue {
    /// This object with `key` set to `value` (replaced in place, or added at the end).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.0 == key }) {
            members[index].1 = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }
}
