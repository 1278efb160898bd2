/// The diagnostics over the report's range, one row each: a solid bar from first seen to resolved, a striped bar
/// running to now while still active (with the word "active"), and under them a lane of Claude Code versions with
/// ticks where the model or account changed.
struct DiagnosticsTimeline {
    let spans: [Report.DiagnosticSpan]
    let versions: [Report.VersionSpan]
    let changes: [Report.Change]
    let range: ClosedRange<Double>
    let now: Double
    let format: PageFormat

    static let rowHeight = 30.0
    /// At most this many rows: the table under the chart lists them all.
    static let maximumRows = 14

    func svg() -> String {
        let shown = Array(spans.sorted { $0.firstSeen < $1.firstSeen }.prefix(Self.maximumRows))
        let versionLane = versions.isEmpty && changes.isEmpty ? 0.0 : 40
        var frame = ChartFrame(
            width: 760, height: 14 + Double(max(shown.count, 1)) * Self.rowHeight + versionLane + 26, xRange: range)
        frame.left = 12
        var svg = frame.open(label: "Diagnostics and versions over time", className: "timeline")
        svg += frame.dayTicks(format)
        if shown.isEmpty {
            svg += frame.text(frame.left + 4, frame.top + 18, "No warnings in this range.", className: "axis")
        }
        for (row, span) in shown.enumerated() {
            svg += bar(span, frame, y: frame.top + Double(row) * Self.rowHeight)
        }
        if versionLane > 0 {
            svg += versionRow(frame, y: frame.top + Double(max(shown.count, 1)) * Self.rowHeight + 8)
        }
        if range.contains(now) {
            svg += frame.line(
                frame.x(now), frame.top, frame.x(now), frame.top + frame.plotHeight, className: "now-line")
        }
        return svg + "</svg>"
    }

    private func bar(_ span: Report.DiagnosticSpan, _ frame: ChartFrame, y: Double) -> String {
        let active = span.resolvedAt == nil
        let start = max(span.firstSeen, range.lowerBound)
        let end = min(active ? max(now, span.lastSeen) : (span.resolvedAt ?? span.lastSeen), range.upperBound)
        let x = frame.x(start)
        let width = max(frame.x(end) - x, 3)
        let status = active ? "active" : "resolved \(format.dateTime(span.resolvedAt ?? span.lastSeen))"
        let times = span.timesSeen > 1 ? " ×\(span.timesSeen)" : ""
        let label =
            (span.label.isEmpty ? "" : span.label + ": ") + (span.severity == "error" ? "error: " : "")
            + span.message
        let title = "\(label): first seen \(format.dateTime(span.firstSeen)), \(status)\(times)"
        // One bar per stretch it was active: a warning that went away and came back shows its gap.
        let periods =
            span.periods.isEmpty
            ? [Report.ActivePeriod(from: span.firstSeen, to: span.resolvedAt)] : span.periods
        var svg = ""
        for period in periods {
            let from = max(period.from, range.lowerBound)
            let to = min(period.to ?? max(now, span.lastSeen), range.upperBound)
            guard to >= range.lowerBound, from <= range.upperBound else { continue }
            let className = period.to == nil ? "active" : "resolved"
            let left = frame.x(from)
            svg +=
                "<rect class=\"\(className)\" x=\"\(PageFormat.coordinate(left))\" y=\"\(PageFormat.coordinate(y + 15))\" "
                + "width=\"\(PageFormat.coordinate(max(frame.x(to) - left, 3)))\" height=\"9\" rx=\"2\">"
                + "<title>\(HTMLText.escape(title))</title></rect>\n"
        }
        // The label sits over the bar, from its start or, near the right edge, ending there.
        let text = Self.shortened(label, to: 64) + times + (active ? " — active" : "")
        let rightAligned = x > frame.width * 0.6
        svg += frame.text(
            rightAligned ? min(x + width, frame.width - frame.right) : x, y + 11, text,
            className: (active ? "strong" : "axis") + (rightAligned ? " end" : ""))
        return svg
    }

    private func versionRow(_ frame: ChartFrame, y: Double) -> String {
        var svg = frame.text(frame.left, y + 4, "Claude Code version", className: "axis")
        for (index, version) in versions.enumerated() {
            let start = max(version.firstSeen, range.lowerBound)
            // Until the next version appeared; the last one until it was last seen.
            let next = index + 1 < versions.count ? versions[index + 1].firstSeen : version.lastSeen
            let end = min(max(next, start), range.upperBound)
            guard end >= range.lowerBound, start <= range.upperBound else { continue }
            let x = frame.x(start)
            let width = max(frame.x(end) - x, 2)
            svg +=
                "<rect class=\"\(index % 2 == 0 ? "version" : "version-alt")\" x=\"\(PageFormat.coordinate(x))\" "
                + "y=\"\(PageFormat.coordinate(y + 9))\" width=\"\(PageFormat.coordinate(width))\" height=\"16\">"
                + "<title>\(HTMLText.escape(versionTitle(version)))</title></rect>\n"
            if width > Double(version.version.count) * 6.5 + 8 {
                svg += frame.text(x + 4, y + 21, version.version, className: "version-text")
            }
        }
        for change in changes where range.contains(change.at) {
            let x = frame.x(change.at)
            let title =
                "\(change.field) \(change.from ?? "none") → \(change.to ?? "none"), \(format.dateTime(change.at))"
            svg +=
                "<line class=\"change\" x1=\"\(PageFormat.coordinate(x))\" y1=\"\(PageFormat.coordinate(y + 5))\" "
                + "x2=\"\(PageFormat.coordinate(x))\" y2=\"\(PageFormat.coordinate(y + 29))\"><title>"
                + HTMLText.escape(title) + "</title></line>"
        }
        return svg
    }

    private func versionTitle(_ version: Report.VersionSpan) -> String {
        (version.label.isEmpty ? "" : version.label + ": ")
            + "\(version.version), \(format.dateTime(version.firstSeen))"
            + " to \(format.dateTime(version.lastSeen))"
    }

    /// At most `limit` characters, with an ellipsis: the full text is in the tooltip and the table.
    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
