import Foundation
import Testing

@testable import UsageLogger

@Suite("Report page")
struct ReportPageTests {
    static let utc = TimeZone(identifier: "UTC") ?? .gmt
    static let demoPage = ReportPage.render(ReportPageDemo.month(), timeZone: utc)

    @Test("a month renders one self-contained page: no script, no URL but the SVG namespace, every window titled")
    func selfContained() {
        let page = Self.demoPage
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("@import") && !page.contains("url(http") && !page.contains("src="))
        #expect(Self.urls(in: page) == ["http://www.w3.org/2000/svg"])
        for title in ["Current session", "Current week (all models)", "Current week (Opus)"] {
            #expect(page.contains("<h2>\(title)</h2>"), "\(title)")
        }
        for section in ["id=\"now\"", "id=\"hits\"", "id=\"health\"", "id=\"errors\"", "prefers-color-scheme:dark"] {
            #expect(page.contains(section), "\(section)")
        }
    }

    @Test("tags nest and close, SVG included, and every & starts an entity")
    func wellFormed() throws {
        try Self.checkNesting(Self.demoPage)
        try Self.checkNesting(
            ReportPage.render(Report(generatedAt: 0, timeZone: "UTC", period: .day), timeZone: Self.utc))
        #expect(Self.count("<svg", in: Self.demoPage) == Self.count("</svg>", in: Self.demoPage))
        #expect(Self.count("<svg", in: Self.demoPage) > 10)
    }

    @Test("names, messages and versions from the logs are escaped wherever they appear")
    func escapesHostileText() throws {
        let hostile = #"<script>alert("x")</script> & 'q'"#
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        var report = ReportPageDemo.month()
        let key = Report.WindowKey(label: "a&b", name: hostile)
        report.cycles = report.cycles.map { cycle in
            var cycle = cycle
            if cycle.window == ReportPageDemo.opus { cycle.window = key }
            cycle.source = cycle.source == "mixed" ? hostile : cycle.source
            return cycle
        }
        report.now = report.now.map { entry in
            var entry = entry
            if entry.window == ReportPageDemo.opus { entry.window = key }
            return entry
        }
        report.forecasts = report.forecasts.map { forecast in
            var forecast = forecast
            if forecast.window == ReportPageDemo.opus { forecast.window = key }
            return forecast
        }
        report.limitHits.append(
            .init(window: key, at: ReportPageDemo.now - 99, resetsAt: nil, kind: "refused", message: hostile))
        report.versions.append(
            .init(
                label: hostile, version: hostile, firstSeen: ReportPageDemo.now - 9, lastSeen: ReportPageDemo.now,
                records: 1))
        report.changes.append(.init(label: hostile, at: ReportPageDemo.now - 5, field: hostile, from: hostile, to: nil))
        report.diagnostics.append(
            .init(
                label: hostile, type: hostile, severity: hostile, message: hostile, firstSeen: ReportPageDemo.now - 50,
                lastSeen: ReportPageDemo.now, timesSeen: 2, resolvedAt: nil))
        report.errors.append(.init(period: hostile, periodStart: ReportPageDemo.now, type: hostile, count: 1))
        let page = ReportPage.render(report, timeZone: Self.utc)
        #expect(!page.contains("<script"))
        #expect(!page.contains(hostile))
        #expect(page.contains("<h2>a&amp;b: \(escaped)</h2>"))
        #expect(Self.count(escaped, in: page) >= 12)
        try Self.checkNesting(page)
    }

    @Test("a cycle without a curve is drawn by its peak only; one with a curve as a line")
    func cyclesWithoutCurves() throws {
        // The demo keeps two old session cycles without curves: hatched up to their peak over the range (and one
        // swatch in each window's legend).
        #expect(Self.count("class=\"peak-only\"", in: Self.demoPage) == 2 + 3)
        #expect(Self.demoPage.contains("class=\"band\""))
        var report = ReportPageDemo.month()
        let last = try #require(report.cycles.lastIndex { $0.window == ReportPageDemo.session && !$0.isCurrent })
        report.cycles[last].curve = []
        let page = ReportPage.render(report, timeZone: Self.utc)
        #expect(Self.count("class=\"peak-dot\"", in: page) == 1)
        #expect(Self.count("class=\"peak-only\"", in: page) == 3 + 3)
    }

    @Test("nonsense numbers from a damaged log (NaN, infinities, the year 30 000) give a page, not a crash")
    func nonsense() throws {
        var report = ReportPageDemo.month()
        report.since = nil
        report.firstRecord = -.infinity
        report.lastRecord = 1e15
        report.cycles[0].peakPercent = .nan
        report.cycles[0].reset = 1e300
        report.cycles[1].curve = [.init(at: .nan, percent: .infinity), .init(at: 1e18, percent: -5)]
        report.cycles[2].coverage = .infinity
        report.now[0].usedPercent = .nan
        report.now[0].paceDelta = .infinity
        report.forecasts[0].recentRatePerHour = 1e308
        report.forecasts[0].resetsAt = .nan
        report.limitHits[0].at = .nan
        report.diagnostics[0].firstSeen = -1e200
        report.versions[0].lastSeen = .infinity
        report.healthScore = .nan
        let page = ReportPage.render(report, timeZone: Self.utc)
        try Self.checkNesting(page)
        #expect(page.contains("<h2>Current session</h2>"))
    }

    @Test("an empty report says there is nothing, section by section")
    func empty() {
        let page = ReportPage.render(
            Report(generatedAt: 1_796_048_400, timeZone: "UTC", period: .week), timeZone: Self.utc)
        #expect(page.contains("No reading of any window in this range."))
        #expect(page.contains("No window reached its limit in this range."))
        #expect(page.contains("No error recorded in this range."))
        #expect(page.contains("Errors by week"))
    }

    @Test("the demo month's weekly windows give the golden page (UPDATE_GOLDEN=1 rewrites it)")
    func golden() throws {
        // Without the 5-hour window's fifty-odd cycles, to keep the file small enough to read in a diff.
        var report = ReportPageDemo.month()
        report.cycles.removeAll { $0.window == ReportPageDemo.session }
        report.now.removeAll { $0.window == ReportPageDemo.session }
        report.forecasts.removeAll { $0.window == ReportPageDemo.session }
        report.limitHits.removeAll { $0.window == ReportPageDemo.session }
        let page = ReportPage.render(report, timeZone: Self.utc)
        let path = Fixtures.path("report/page-weekly-utc.html")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(page.utf8).write(to: URL(fileURLWithPath: path))
        }
        #expect(
            Fixtures.text("report/page-weekly-utc.html") == page,
            "the page changed: look at it (Benchmarks/report-page.sh), then rewrite it with UPDATE_GOLDEN=1")
    }

    @Test("times are written in the report's time zone, across a change of clocks")
    func timeZones() throws {
        let berlin = PageFormat(timeZone: try #require(TimeZone(identifier: "Europe/Berlin")))
        // 29 March 2026: clocks go from 02:00 to 03:00 at 01:00 UTC.
        #expect(berlin.dateTime(1_774_745_940) == "Sun 29 Mar 01:59")
        #expect(berlin.dateTime(1_774_746_000) == "Sun 29 Mar 03:00")
        #expect(berlin.zoneName(at: 1_774_746_000) == "Europe/Berlin (UTC+02:00)")
        #expect(berlin.nextDay(1_774_740_000) - berlin.startOfDay(1_774_740_000) == 23 * 3600)
        #expect(berlin.timeAfter(1_774_746_000, from: 1_774_740_000) == "03:00")
        #expect(berlin.timeAfter(1_774_746_000, from: 1_774_600_000) == "Sun 03:00")
    }

    @Test(
        "spans, percents and counts read the same in every locale",
        arguments: [
            (PageFormat.span(44 * 60 + 40), "45 min"), (PageFormat.span(8400), "2 h 20 min"),
            (PageFormat.span(3 * 86_400 + 18 * 3600), "3 d 18 h"), (PageFormat.percent(37.5), "38%"),
            (PageFormat.percent(2.5), "2.5%"), (PageFormat.count(44_517), "44,517"),
            (PageFormat.coordinate(-0.04), "0"),
            (PageFormat.coordinate(12.25), "12.3"),
        ])
    func numbers(text: String, expected: String) {
        #expect(text == expected)
    }

    // MARK: - Helpers

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Every `http://` or `https://` address in the page.
    static func urls(in page: String) -> Set<String> {
        var found: Set<String> = []
        var rest = Substring(page)
        while let range = rest.range(of: "http") {
            let tail = rest[range.lowerBound...]
            if tail.hasPrefix("http://") || tail.hasPrefix("https://") {
                found.insert(String(tail.prefix { !"\"' <>)".contains($0) }))
            }
            rest = rest[range.upperBound...]
        }
        return found
    }

    struct NestingError: Error, CustomStringConvertible {
        var description: String
    }

    /// Tags open and close in order (HTML's void elements aside, SVG's `/>` honoured), text holds no stray `<` or
    /// `&`: enough of XML to catch a broken chart or an unescaped value.
    static func checkNesting(_ page: String) throws {
        let void: Set<String> = ["meta", "br", "!doctype", "link", "img", "hr", "input"]
        var stack: [String] = []
        var rest = Substring(page)
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            if rest[open] == "&" {
                let entity = rest[open...].prefix(8)
                guard ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(where: { entity.hasPrefix($0) }) else {
                    throw NestingError(description: "bare & at \(rest[open...].prefix(40))")
                }
                rest = rest[rest.index(after: open)...]
                continue
            }
            guard let close = rest[open...].firstIndex(of: ">") else { throw NestingError(description: "unclosed <") }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.contains("<") { throw NestingError(description: "< inside a tag: \(tag.prefix(40))") }
            let name = String(tag.prefix { !" \n/>".contains($0) || $0 == "/" && tag.first == "/" }).lowercased()
            if name.hasPrefix("/") {
                let closing = String(name.dropFirst())
                guard stack.last == closing else {
                    throw NestingError(description: "</\(closing)> closes <\(stack.last ?? "nothing")>")
                }
                stack.removeLast()
            } else if !tag.hasSuffix("/") && !void.contains(name) {
                stack.append(name)
                if name == "style" || name == "title" {
                    // Raw text up to the closing tag (CSS has `>` in selectors).
                    guard let end = rest.range(of: "</\(name)>") else {
                        throw NestingError(description: "no </\(name)>")
                    }
                    if name == "title", rest[..<end.lowerBound].contains("<") {
                        throw NestingError(description: "< in a title")
                    }
                    rest = rest[end.lowerBound...]
                }
            }
        }
        guard stack.isEmpty else { throw NestingError(description: "left open: \(stack)") }
    }
}
