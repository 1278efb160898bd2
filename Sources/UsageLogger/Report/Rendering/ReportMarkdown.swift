import Foundation

/// `report --format md`: a heading, then each table of the section as a Markdown table, times in the report's
/// zone. For pasting into an issue, a wiki or a chat.
enum ReportMarkdown {
    static func render(_ report: Report, section: ReportSection, timeZone: TimeZone) -> String {
        let format = ReportTimeFormat(timeZone: timeZone)
        var text = "# Claude Code usage report\n\n"
        text += ReportSummaryLine.text(report, format: format) + "\n"
        if let score = report.healthScore {
            text += "\nHealth: \(ReportTimeFormat.percent(score * 100)) of the time with no active warning.\n"
        }
        for table in ReportTable.tables(report, section: section, time: { $0.map(format.dateTime) ?? "" }) {
            text += "\n## \(table.title)\n\n"
            guard !table.rows.isEmpty else {
                text += "None.\n"
                continue
            }
            text += row(table.headers) + "\n" + row(table.headers.map { _ in "---" }) + "\n"
            for cells in table.rows { text += row(cells) + "\n" }
        }
        return text
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// Pipes split cells and newlines end rows; angle brackets could become HTML.
    private static func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "<", with: "&lt;")
    }
}
