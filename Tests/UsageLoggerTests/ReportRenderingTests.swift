import Foundation
import Testing

@testable import UsageLogger

@Suite("Report rendering")
struct ReportRenderingTests {
    private let utc = TimeZone.gmt

    private func terminal(_ section: ReportSection = .all, chart: Bool = false, unicode: Bool = true) -> String {
        var view = ReportTerminalView(
            report: SampleReport.make(), section: section, style: TerminalStyle(color: false, unicode: unicode),
            format: ReportTimeFormat(timeZone: utc))
        view.chart = chart
        return view.render()
    }

    @Test("the terminal view fits 80 columns in every section, with and without the chart, Unicode or ASCII")
    func fitsEightyColumns() {
        for section in ReportSection.allCases {
            for chart in [false, true] {
                for unicode in [false, true] {
                    for line in terminal(section, chart: chart, unicode: unicode).split(separator: "\n") {
                        #expect(line.count <= 80, "\(section) chart \(chart): \(line)")
                        #expect(unicode || line.allSatisfy(\.isASCII), "\(line)")
                    }
                }
            }
        }
    }

    @Test("the streamed JSON is the same document as the one built whole")
    func streamedJSON() {
        var streamed = ""
        ReportJSON.write(SampleReport.make()) { streamed += $0 }
        #expect(streamed == ReportJSON.render(SampleReport.make()).prettySerialized() + "\n")
        let nothing = Report(generatedAt: 0, timeZone: "UTC", period: .day)
        var empty = ""
        ReportJSON.write(nothing) { empty += $0 }
        #expect(empty == ReportJSON.render(nothing).prettySerialized() + "\n")
    }

    @Test("limit hits are counted by weekday from Monday, in the report's zone")
    func hitsByWeekday() {
        var report = SampleReport.make()
        // 2026-11-30 is a Monday; 2026-11-29 a Sunday.
        report.limitHits.append(
            .init(
                window: report.limitHits[0].window, at: SampleReport.start - 3600, resetsAt: nil, kind: "refused",
                message: "rate_limit", usedPercent: 100))
        let view = ReportTerminalView(
            report: report, section: .hits, style: TerminalStyle(color: false, unicode: true),
            format: ReportTimeFormat(timeZone: .gmt))
        let text = view.render()
        #expect(text.contains("by weekday  Mon 1 · Tue 0 · Wed 0 · Thu 0 · Fri 0 · Sat 0 · Sun 1"), "\(text)")
        #expect(text.contains("request refused · Current session at 100%"), "\(text)")
    }
}

@Suite("Realistic month")
struct RealisticMonthTests {
    @Test("a month of logs from the real records: rotated files, every line a record, both sources, gaps")
    func month() throws {
        try withTemporaryDirectory { directory in
            let counts = try RealisticMonth().write(to: directory.path + "/logs")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/logs")
            #expect(files.contains("usage.jsonl.1"))
            #expect((counts[.usage] ?? 0) > 20_000)
            #expect((counts[.status] ?? 0) > 300)
            #expect(counts[.diagnostics] == 7)
            if let dump = ProcessInfo.processInfo.environment["REALISTIC_MONTH_DIR"] {
                _ = try? FileManager.default.removeItem(atPath: dump)
                try FileManager.default.copyItem(atPath: directory.path + "/logs", toPath: dump)
            }
        }
    }
}
