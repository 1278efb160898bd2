import Foundation
import Testing

@testable import UsageLogger

@Suite("Report rendering")
struct ReportRenderingTests {
    private let utc = TimeZone(identifier: "UTC")!

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

    @Test("preview")
    func preview() {
        print(terminal())
        print(terminal(.usage, chart: true))
        print(terminal(.diagnostics, unicode: false))
        print(ReportMarkdown.render(SampleReport.make(), section: .all, timeZone: utc))
        print(ReportCSV.render(SampleReport.make(), section: .all))
    }
}
