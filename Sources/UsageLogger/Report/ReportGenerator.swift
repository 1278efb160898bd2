import Foundation

/// Reads the logs and builds the report in one streaming pass: the reader hands each sample, in time order, to the
/// builder, so memory stays the same however long the history.
public enum ReportGenerator {
    /// Why there is no report to show; the command says it and chooses the exit code.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(ReportReadError)
        /// The range holds no records (or the directories none at all); `extent` is when the records there are
        /// begin and end.
        case noRecords(directories: [String], inRange: Bool, extent: ClosedRange<Double>? = nil)
        /// `--window` matched no window; `seen` lists those there are.
        case unknownWindow(String, seen: [String])

        public var description: String {
            switch self {
            case .unreadable(let error):
                error.description
            case .noRecords(let directories, let inRange, let extent):
                if inRange {
                    "no records between the given --since and --until in \(directories.joined(separator: ", "))"
                        + (extent.map {
                            "; the records there run from \(ReportGenerator.utc($0.lowerBound)) to \(ReportGenerator.utc($0.upperBound))"
                        } ?? "")
                } else {
                    "no records yet in \(directories.joined(separator: ", ")); is logging enabled? "
                        + "(`usage-logger doctor` tells)"
                }
            case .unknownWindow(let name, let seen):
                "no window matches --window '\(name)'; seen: "
                    + (seen.isEmpty ? "none" : seen.map { "'\($0)'" }.joined(separator: ", "))
            }
        }
    }

    public static func make(sources: [LogSource], settings: ReportSettings) throws(Failure) -> Report {
        let reader = ReportLogReader(sources: sources, since: settings.since, until: settings.until)
        var builder = ReportBuilder(settings: settings)
        let summary: ReadSummary
        do {
            if let since = settings.since {
                // Warnings still open when the range begins count in it: the small change log is read from its start.
                let before = ReportLogReader(sources: sources, logs: [.diagnostics], until: since)
                _ = try before.read { sample in
                    if case .diagnostic(let reading) = sample { builder.carryIn(reading) }
                }
            }
            summary = try reader.read { builder.add($0) }
        } catch {
            throw .unreadable(error)
        }
        var report = builder.finish(summary: summary)
        var tokens = TokenTable(calendar: PeriodCalendar(period: settings.period, timeZone: settings.timeZone))
        do {
            let skipped = try SessionRowReader(sources: sources, since: settings.since, until: settings.until).read {
                tokens.add($0)
            }
            report.skippedLines += skipped
        } catch {
            throw .unreadable(error)
        }
        report.tokens = tokens.periods()
        report.projectTokens = tokens.projects()
        guard summary.linesRead > 0 else {
            let inRange = settings.since != nil || settings.until != nil
            throw .noRecords(
                directories: sources.map(\.path), inRange: inRange, extent: inRange ? extent(of: sources) : nil)
        }
        if let filter = settings.windowFilter,
            !report.windowsSeen.contains(where: { ReportSettings.window($0, matches: filter) })
        {
            throw .unknownWindow(filter, seen: report.windowsSeen)
        }
        return report
    }

    /// When the records of `sources` begin and end (a pass over all of them: only when a range found none).
    private static func extent(of sources: [LogSource]) -> ClosedRange<Double>? {
        var first: Double?
        var last: Double?
        _ = try? ReportLogReader(sources: sources, logs: [.usage, .status]).read { sample in
            first = min(first ?? sample.time, sample.time)
            last = max(last ?? sample.time, sample.time)
        }
        guard let first, let last else { return nil }
        return first...last
    }

    fileprivate static func utc(_ time: Double) -> String {
        String(Timestamp.string(from: Date(timeIntervalSince1970: time)).prefix(16)).replacingOccurrences(
            of: "T", with: " ")
            + " UTC"
    }
}
