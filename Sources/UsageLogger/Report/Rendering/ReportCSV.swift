import Foundation

/// `report --format csv`: one table (the usage per period, or the named section's first table), RFC 4180 quoting,
/// times in UTC ISO-8601.
enum ReportCSV {
    static func render(_ report: Report, section: ReportSection) -> String {
        let tables = ReportTable.tables(report, section: section == .all ? .usage : section, time: isoTime)
        let table = section == .diagnostics ? tables.last : tables.first
        guard let table else { return "" }
        return ([table.headers] + table.rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n")
            + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func isoTime(_ seconds: Double?) -> String {
        seconds.map { Timestamp.string(from: Date(timeIntervalSince1970: $0)) } ?? ""
    }
}
