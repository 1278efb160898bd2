import Foundation

/// `usage-logger metrics [--textfile DIR] [--logs DIR|FILE.db|NAME=DIR]...`: the latest state in the Prometheus text
/// exposition format, on stdout or as a file for node_exporter's textfile collector.
enum MetricsCommand {
    static let textfile = CommandSpec.Option(
        name: "--textfile", valueName: "DIR",
        help: "write DIR/\(MetricsTextfile.fileName) atomically, for node_exporter's textfile collector")

    static let spec = CommandSpec(
        name: "metrics", abstract: "Print the latest state as Prometheus metrics",
        options: [textfile, ReportArguments.logs],
        discussion: """
            Reads the logs (rotated files too) and prints, in the Prometheus text exposition format: each window's
            share used (usage_logger_window_used_ratio, 0-1) and reset time at its latest reading, labelled with the
            window and the source (command or statusline); when the latest reading was made and its age; when each
            probe (usage, status) last succeeded and how many failed; the installation warnings active now; the
            Claude Code version (usage_logger_claude_code_info); and, as counters over the records the logs hold,
            limit hits and the hooks' session tokens. --textfile DIR writes the same to DIR/usage_logger.prom
            through a temporary file and a rename, for node_exporter's --collector.textfile.directory; with
            PET_METRICS_TEXTFILE=DIR the companion rewrites it after each record. README.md lists every metric.
            With PET_OTLP_ENDPOINT the companion and once push the same series to an OpenTelemetry collector
            (OTLP/HTTP, /v1/metrics), and limit hits and warning changes as logs (/v1/logs).
            """,
        epilogue: """
            Examples:
              usage-logger metrics
              usage-logger metrics --textfile /var/lib/prometheus/node-exporter
              usage-logger metrics --logs laptop=~/laptop-logs --logs desktop=~/desktop-logs
            """,
        exitCodes: [
            .init(.success, meaning: "printed or written"), .init(.usage, meaning: "a bad option value"),
            .init(.noInput, meaning: "the log directory is missing or cannot be read"),
            .init(.cannotCreate, meaning: "the --textfile directory cannot be written"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let sources: [LogSource]
        do {
            sources = try ReportArguments.sources(
                arguments.values(of: ReportArguments.logs), command: spec.name,
                defaultSource: arguments.values(of: ReportArguments.logs).isEmpty
                    ? ReportArguments.defaultSource(context: context) : LogSource(path: ""),
                currentDirectory: context.currentDirectory, home: context.configuration.home)
        } catch {
            context.console.errorLine(error.description)
            return .usage
        }
        let snapshot: MetricsSnapshot
        do {
            snapshot = try MetricsSnapshot.gather(
                reader: ReportLogReader(sources: sources), sessions: SessionRowReader(sources: sources),
                now: Date().timeIntervalSince1970)
        } catch {
            context.console.errorLine(error.description)
            return .noInput
        }
        if snapshot.summary.skippedLines > 0 {
            let plural = snapshot.summary.skippedLines == 1 ? "" : "s"
            context.console.errorLine(
                "skipped \(snapshot.summary.skippedLines) torn or invalid line\(plural) of "
                    + "\(snapshot.summary.files) file(s)")
        }
        let text = PrometheusExposition.render(snapshot)
        guard let directory = arguments.value(of: textfile) else {
            context.console.write(text)
            return .success
        }
        let absolute = directory.hasPrefix("/") ? directory : context.currentDirectory + "/" + directory
        do {
            try MetricsTextfile.write(text, directory: absolute)
        } catch {
            context.console.errorLine(error.description)
            return .cannotCreate
        }
        return .success
    }
}
