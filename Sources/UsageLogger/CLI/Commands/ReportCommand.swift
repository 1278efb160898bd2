import Foundation

/// `usage-logger report [SECTION]`: what the history says. Reads the logs (rotated files too) in one streaming
/// pass and prints the latest reading and pace of each window, the forecasts, limit hits, reset cycles, usage per
/// period, errors and health, in the terminal or as JSON, CSV, Markdown or an HTML page.
enum ReportCommand {
    static let section = CommandSpec.Argument(
        name: "section", values: ReportSection.allCases.map(\.rawValue), isOptional: true,
        help: "the part to show (default: all; diagnostics: the digest per period)")
    static let by = CommandSpec.Option(
        name: "--by", valueName: "UNIT",
        help: "group usage, errors and the digest by hour, day (the default), week or month")
    static let format = CommandSpec.Option(
        name: "--format", valueName: "FORMAT",
        help: "text (the default), json, csv (one table), md (Markdown) or html (a page; with --output)")
    static let output = CommandSpec.Option(
        name: "--output", short: "-o", valueName: "FILE", help: "write the report to FILE (0600) instead of stdout")
    static let chart = CommandSpec.Option(
        name: "--chart", help: "text: bars and sparklines of the usage per period")

    enum Format: String, CaseIterable { case text, json, csv, md, html }

    static let spec = CommandSpec(
        name: "report", abstract: "What the history says: limits, pace and forecast, cycles, limit hits, health",
        arguments: [section], options: [by, format, output, chart] + ReportArguments.options,
        discussion: """
            Reads usage.jsonl, status.jsonl and diagnostics.jsonl with their rotated files, oldest first, in one
            streaming pass (torn or invalid lines are skipped and counted), and says: the latest reading of each
            window with its age, source, time to reset and pace (points ahead of or behind using the window evenly);
            a forecast per window (when 100 % comes at the recent rate, and by your own history of the same hours of
            the week, each with what it stands on); every limit hit; each window's reset cycles (peak, unused at
            the reset, when 80/95/100 % came, time at 100 %, how much of the cycle has data); usage and errors per
            hour, day, week or month in --tz; and health: Claude Code versions, model and account changes, each
            warning with when it was seen, and the share of the time with none active. With the hooks installed
            (`usage-logger hook`), tokens from sessions.jsonl per period and model, and per project (`tokens`).

            The terminal view fits 80 columns, colours only a terminal (never with NO_COLOR) and uses ASCII when
            the locale is not UTF-8. --format json gives everything as one object (times in UTC, periods named in
            --tz: 2026-03-01, 2026-03-01T14, 2026-W09, 2026-03); csv the usage per period (or the named section);
            md all tables; html one self-contained page with charts (no script, no network).
            """,
        epilogue: """
            Examples:
              usage-logger report
              usage-logger report --since 7d --chart
              usage-logger report cycles --window session
              usage-logger report diagnostics --by week
              usage-logger report --format html --output usage.html
              usage-logger report --format json | jq '.usage[] | select(.limit_hits > 0)'
              usage-logger report --logs laptop=~/laptop-logs --logs desktop=~/desktop-logs
            """,
        exitCodes: [
            .init(.success, meaning: "printed"),
            .init(.usage, meaning: "a bad option value (a date, zone, format) or a --window that matches none"),
            .init(.noInput, meaning: "no log directory, or no records in it (or in the range)"),
            .init(.cannotCreate, meaning: "--output cannot be written"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let shared: ReportArguments
        let chosenFormat: Format
        let period: ReportPeriod
        do {
            chosenFormat = try arguments.choice(of: format, as: Format.self, default: .text, command: spec.name)
            period = try arguments.choice(of: by, as: ReportPeriod.self, default: .day, command: spec.name)
            shared = try ReportArguments.parse(arguments, command: spec.name, context: context)
        } catch {
            context.console.errorLine(error.description)
            return .usage
        }
        let part = arguments.value(of: section, as: ReportSection.self) ?? .all
        let outputPath = arguments.value(of: output)
        if chosenFormat == .html, outputPath == nil, context.console.outputIsTerminal {
            context.console.errorLine(
                "--format html writes a page: add --output FILE (e.g. --output usage.html), or redirect stdout")
            return .usage
        }
        let now = min(Date().timeIntervalSince1970, shared.until ?? .infinity)
        let settings = ReportSettings(
            timeZone: shared.timeZone, period: period, windowFilter: shared.window, since: shared.since,
            until: shared.until, now: now)
        let report: Report
        do {
            report = try ReportGenerator.make(sources: shared.sources, settings: settings)
        } catch {
            context.console.errorLine(error.description)
            if case .unknownWindow = error { return .usage }
            return .noInput
        }
        if chosenFormat == .json, outputPath == nil {
            // Streamed: years of cycles are never held as values and as text at once.
            ReportJSON.write(report, to: context.console.write)
            return .success
        }
        let text = render(
            report, format: chosenFormat, section: part, chart: arguments.contains(chart), context: context)
        guard let outputPath else {
            context.console.write(text)
            return .success
        }
        let path = outputPath.hasPrefix("/") ? outputPath : context.currentDirectory + "/" + outputPath
        do {
            try AtomicFile.write(Array(text.utf8), to: path, durable: false)
        } catch {
            context.console.errorLine("cannot write \(path): \(error); choose another --output")
            return .cannotCreate
        }
        context.console.errorLine("wrote \(path) (\(ByteCount.text(Int64(text.utf8.count))))")
        return .success
    }

    private static func render(
        _ report: Report, format: Format, section: ReportSection, chart: Bool, context: CommandContext
    ) -> String {
        switch format {
        case .text:
            let environment = context.environment
            let color = context.console.outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty
            var view = ReportTerminalView(
                report: report, section: section, style: TerminalStyle(color: color, unicode: unicode(environment)),
                format: ReportTimeFormat(timeZone: TimeZone(identifier: report.timeZone) ?? .current))
            view.chart = chart
            // A section asked for by name is shown whole; the overview keeps to the latest rows.
            if section != .all { view.rowsPerWindow = 100_000 }
            return view.render()
        case .json:
            return ReportJSON.render(report).prettySerialized() + "\n"
        case .csv:
            return ReportCSV.render(report, section: section)
        case .md:
            return ReportMarkdown.render(
                report, section: section, timeZone: TimeZone(identifier: report.timeZone) ?? .current)
        case .html:
            return ReportPage.render(report, timeZone: TimeZone(identifier: report.timeZone) ?? .current)
        }
    }

    /// Whether the terminal shows Unicode: yes unless the locale in force names a character set other than UTF-8.
    static func unicode(_ environment: [String: String]) -> Bool {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }
            .first { !$0.isEmpty }
        guard let locale else { return true }
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
            || !lowered.contains(".")
                && lowered != "c" && lowered != "posix"
    }
}
