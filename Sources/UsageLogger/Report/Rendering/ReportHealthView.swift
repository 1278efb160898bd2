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
                    + " " + span + style.dim("  \(version.records) records"))
        }
        for change in report.changes.suffix(10) {
            lines.append(
                "  changed   " + format.short(change.at) + "  " + labelled(change.label, change.field) + ": "
                    + ReportTerminalView.cell("\(change.from ?? "none") → \(change.to ?? "none")", 44))
        }
        if report.diagnostics.isEmpty { lines.append("  warnings  none seen") }
        for span in report.diagnostics {
            let active = span.resolvedAt == nil
            let when =
                active
                ? "active since \(format.short(span.firstSeen))"
                : "\(format.short(span.firstSeen)) – \(format.short(span.resolvedAt ?? span.lastSeen)), resolved"
            let times = span.timesSeen > 1 ? ", appeared \(span.timesSeen)×" : ""
            let marker = active ? style.yellow(style.unicode ? "●" : "*") : style.dim(style.unicode ? "○" : "o")
            lines.append("  \(marker) " + labelled(span.label, span.type) + style.dim("  \(when)\(times)"))
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
