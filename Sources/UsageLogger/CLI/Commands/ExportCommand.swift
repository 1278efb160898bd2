import Foundation

/// `usage-logger export [--format csv|json|ndjson] [--kind usage|status|diagnostics] [--since WHEN] [--until WHEN]
/// [--window NAME] [--logs DIR|NAME=DIR]...`: the history as flat rows for spreadsheets and other tools, one per
/// window reading (usage), status record or diagnostic, oldest first, streamed.
enum ExportCommand {
    static let format = CommandSpec.Option(
        name: "--format", valueName: "FORMAT", help: "csv (the default, with a header line), json or ndjson")
    static let kind = CommandSpec.Option(
        name: "--kind", valueName: "KIND", help: "usage (the default: a row per window reading), status or diagnostics")

    static let spec = CommandSpec(
        name: "export", abstract: "Print the history as flat rows: CSV, JSON or NDJSON",
        options: [format, kind] + ReportArguments.options,
        discussion: """
            Reads usage.jsonl (or status.jsonl, diagnostics.jsonl) and its rotated files, oldest first, and prints
            one flat row per window reading: timestamp, session_id, source (command or statusline), state,
            error_type, window, used_percent, resets_at. A usage record without windows (an error) is one row
            with the window left empty. --kind status gives timestamp, version, model, account; --kind diagnostics
            timestamp, type, severity, event, message. Times are UTC ISO-8601 with milliseconds, as in the logs.
            With several --logs directories (or a NAME=DIR), a label column says where each row comes from. Torn
            or invalid lines are skipped, and their number said on stderr.
            """,
        epilogue: """
            Examples:
              usage-logger export > usage.csv
              usage-logger export --format ndjson --since 7d --window session
              usage-logger export --kind status --format json --logs laptop=~/laptop-logs --logs desktop=~/desktop-logs
            """,
        exitCodes: [
            .init(.success, meaning: "printed"),
            .init(.usage, meaning: "a bad option value (a date, zone, format) or a --window that matches none"),
            .init(
                .noInput, meaning: "the log directory is missing or cannot be read, or has no records (in the range)"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let shared: ReportArguments
        let tableFormat: ExportTable.Format
        let log: LogName
        do {
            tableFormat = try arguments.choice(
                of: format, as: ExportTable.Format.self, default: .csv, command: spec.name)
            log = try arguments.choice(of: kind, as: Kind.self, default: .usage, command: spec.name).log
            shared = try ReportArguments.parse(arguments, command: spec.name, context: context)
        } catch {
            context.console.errorLine(error.description)
            return .usage
        }
        let labelled = shared.sources.contains { !$0.label.isEmpty }
        var table = ExportTable(
            format: tableFormat, columns: columns(of: log, labelled: labelled), write: context.console.write)
        let summary: ReadSummary
        var windowsSeen = Set<String>()
        do {
            summary = try shared.reader(logs: [log]).read { sample in
                // Only to name the windows there are when --window matches none: no work per line otherwise.
                if shared.window != nil, case .usage(let reading) = sample {
                    for window in reading.windows { windowsSeen.insert(window.name) }
                }
                add(sample, to: &table, labelled: labelled, arguments: shared)
            }
        } catch {
            context.console.errorLine(error.description)
            return .noInput
        }
        table.finish()
        // The same words, and codes, as `report` for the same mistakes.
        guard summary.linesRead > 0 else {
            let directories = shared.sources.map(\.path)
            let inRange = shared.since != nil || shared.until != nil
            context.console.errorLine(
                ReportGenerator.Failure.noRecords(directories: directories, inRange: inRange).description)
            return .noInput
        }
        if let window = shared.window, log == .usage, !windowsSeen.contains(where: shared.includes(window:)) {
            context.console.errorLine(
                ReportGenerator.Failure.unknownWindow(window, seen: windowsSeen.sorted()).description)
            return .usage
        }
        if summary.skippedLines > 0 {
            let plural = summary.skippedLines == 1 ? "" : "s"
            context.console.errorLine(
                "skipped \(summary.skippedLines) torn or invalid line\(plural) of \(summary.files) file(s)")
        }
        return .success
    }

    /// The logs `--kind` chooses: the logs of readings (sessions.jsonl is a table already; jq reads it).
    enum Kind: String, CaseIterable {
        case usage, status, diagnostics

        var log: LogName { LogName(rawValue: rawValue) ?? .usage }
    }

    static func columns(of log: LogName, labelled: Bool) -> [String] {
        let label = labelled ? ["label"] : []
        switch log {
        case .usage:
            return ["timestamp"] + label + [
                "session_id", "source", "state", "error_type", "window", "used_percent", "resets_at",
            ]
        case .status: return ["timestamp"] + label + ["version", "model", "account"]
        case .diagnostics: return ["timestamp"] + label + ["type", "severity", "event", "message"]
        case .sessions, .alerts: return []  // not a `--kind`: these are tables already
        }
    }

    private static func add(
        _ sample: ReportSample, to table: inout ExportTable, labelled: Bool, arguments: ReportArguments
    ) {
        switch sample {
        case .usage(let reading):
            if reading.windows.isEmpty, arguments.window == nil {
                usageRow(reading, window: nil, to: &table, labelled: labelled)
            }
            for window in reading.windows where arguments.includes(window: window.name) {
                usageRow(reading, window: window, to: &table, labelled: labelled)
            }
        case .status(let reading):
            table.beginRow()
            table.time(reading.time)
            if labelled { table.text(reading.label) }
            table.text(reading.version)
            table.text(reading.model)
            table.text(reading.account)
            table.endRow()
        case .diagnostic(let reading):
            table.beginRow()
            table.time(reading.time)
            if labelled { table.text(reading.label) }
            table.text(reading.type)
            table.text(reading.severity)
            table.text(reading.event.rawValue)
            table.text(reading.message)
            table.endRow()
        }
    }

    private static func usageRow(
        _ reading: UsageReading, window: WindowReading?, to table: inout ExportTable, labelled: Bool
    ) {
        table.beginRow()
        table.time(reading.time)
        if labelled { table.text(reading.label) }
        table.text(reading.sessionID)
        table.text(reading.source)
        table.text(reading.state)
        table.text(reading.errorType)
        table.text(window?.name)
        table.number(window?.usedPercent)
        table.time(window?.resetsAt)
        table.endRow()
    }
}
