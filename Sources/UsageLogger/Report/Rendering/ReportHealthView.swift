/// The health part of the terminal view: the score, versions, model and account changes, each warning with when
/// it was seen; and the digest per period (`report diagnostics --by week`).
struct ReportHealthView {
    let report: Report
    let style: TerminalStyle
    let format: ReportTimeFormat

    func render() -> String {
        var lines = [style.bold("HEALTH") + score()]
        for (index, version) in report.versions.enumerated() {
            let span = "\(format.short(version.firstSeen)) – \(format.short(version.lastSeen))"
            lines.append(
                "  " + (index == 0 ? "versions  " : "          ")
                    + ReportTerminalView.cell(labelled(version.label, version.version), 16)
                    + " " + span + style.dim("  \(version.records) record\(version.records == 1 ? "" : "s")"))
        }
        for change in report.changes.suffix(10) {
            lines.append(
                "  changed   " + format.short(change.at) + "  " + labelled(change.label, change.field) + ": "
                    + ReportTerminalView.cell("\(change.from ?? "none") → \(change.to ?? "none")", 44))
        }
        if report.diagnostics.isEmpty { lines.append("  warnings  none seen") }
        for span in report.diagnostics {
            let active = span.resolvedAt == nil
            // The latest stretch it was active, then the earlier ones: a warning that came back shows its gap.
            let periods =
                span.periods.isEmpty ? [Report.ActivePeriod(from: span.firstSeen, to: span.resolvedAt)] : span.periods
            let latest = periods[periods.count - 1]
            let when =
                latest.to == nil
                ? "active since \(format.short(latest.from))"
                : "\(format.short(latest.from)) – \(format.short(latest.to ?? span.lastSeen)), resolved"
            let earlier = periods.dropLast().map { "\(format.short($0.from)) – \($0.to.map(format.short) ?? "")" }
            let times = earlier.isEmpty ? "" : "; before: " + earlier.joined(separator: ", ")
            let marker = active ? style.yellow(style.unicode ? "●" : "*") : style.dim(style.unicode ? "○" : "o")
            lines += ReportTerminalView.wrap(
                labelled(span.label, span.type) + "  " + when + times, indent: "    ", continuation: "      "
            ).enumerated().map { $0.offset == 0 ? "  \(marker) " + $0.element.dropFirst(4) : style.dim($0.element) }
            lines.append("      " + ReportTerminalView.cell(span.message, 72))
        }
        return lines.joined(separator: "\n")
    }

    private func score() -> String {
        guard let score = report.healthScore else { return style.dim("  no status or diagnostics records") }
        let text = "  \(ReportTimeFormat.percent(score * 100)) of the time with no active warning"
        return score >= 0.99 ? style.green(text) : score >= 0.8 ? style.yellow(text) : style.red(text)
    }

    func digest() -> String {
        var lines = [style.bold("DIAGNOSTICS BY \(report.period.rawValue.uppercased())")]
        if report.diagnosticsDigest.isEmpty { lines.append("  no warnings in this range") }
        for period in report.diagnosticsDigest {
            lines.append("  " + style.bold(period.period))
            for message in period.appeared { lines.append("    + appeared  " + ReportTerminalView.cell(message, 62)) }
            for message in period.resolved { lines.append("    − resolved  " + ReportTerminalView.cell(message, 62)) }
            let open = period.stillOpen.count
            lines.append(style.dim("      \(open) still open at the end of \(period.period)"))
        }
        return lines.joined(separator: "\n")
    }

    private func labelled(_ label: String, _ text: String) -> String { label.isEmpty ? text : "\(label): \(text)" }
}
