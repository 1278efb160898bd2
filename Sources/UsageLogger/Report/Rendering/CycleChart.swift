/// One window's cycles laid over each other, each from its start (left) to its reset (right): the current cycle
/// bold against the past ones in grey, the even-pace line from 0 to 100 %, the 80 % and 100 % marks, limit hits
/// as diamonds, and from the latest reading to the reset the forecast band between the recent-rate and the
/// history forecasts. So "am I faster than usual, and will it last" is one look.
struct CycleChart {
    let window: Report.WindowKey
    let cycles: [Report.Cycle]
    let forecast: Report.Forecast?
    let hits: [Report.LimitHit]
    let length: Double
    let format: PageFormat
    /// Unique on the page, for the clip path's id.
    let id: String

    /// At most this many past cycles are drawn, the latest: more only make a grey smudge.
    static let pastCycles = 30

    func svg() -> String {
        let current = cycles.last { $0.isCurrent }
        let past = cycles.filter { !$0.isCurrent }.suffix(Self.pastCycles)
        let highest = cycles.map(\.peakPercent).max() ?? 0
        var frame = ChartFrame(width: 440, height: 250, xRange: 0...length)
        frame.yMax = highest > 100 ? min(((highest + 9) / 10).rounded(.down) * 10, 200) : 100
        var svg = frame.open(label: "\(window.title): cycles against the even pace", className: "cycle-chart")
        svg += frame.clip(id: id) + frame.percentGrid() + ticks(frame, start: (current ?? cycles.last)?.start)
        svg += "<g clip-path=\"url(#\(id))\">"
        svg += "<polyline class=\"pace\" points=\"\(frame.point(0, 0)) \(frame.point(length, 100))\"/>"
        for cycle in past { svg += line(cycle, frame, className: "past") }
        if let current, let forecast { svg += band(current, forecast, frame) }
        if let current { svg += line(current, frame, className: "current") }
        svg += "</g>"
        svg += hitMarks(frame, cycles: Array(past) + (current.map { [$0] } ?? []))
        if let current, let last = current.curve.last {
            let x = frame.x(last.at - current.start)
            let y = frame.y(last.percent)
            svg +=
                "<circle class=\"dot\" cx=\"\(PageFormat.coordinate(x))\" cy=\"\(PageFormat.coordinate(y))\" r=\"4\"/>"
            // Left of the dot, where the band (which runs right) leaves room; right of it near the axis.
            let left = x > frame.left + 40
            svg += frame.text(
                x + (left ? -7 : 7), y - 7, PageFormat.percent(last.percent), className: "strong" + (left ? " end" : "")
            )
        }
        return svg + "</svg>"
    }

    /// A cycle's curve from its start; a cycle without one shows its peak as a ring where it was reached.
    private func line(_ cycle: Report.Cycle, _ frame: ChartFrame, className: String) -> String {
        guard !cycle.curve.isEmpty else {
            let at = (cycle.first100 ?? cycle.reset ?? (cycle.start + length)) - cycle.start
            return "<circle class=\"peak-dot\" cx=\"\(PageFormat.coordinate(frame.x(at)))\" "
                + "cy=\"\(PageFormat.coordinate(frame.y(cycle.peakPercent)))\" r=\"3\"><title>"
                + HTMLText.escape("peak \(PageFormat.percent(cycle.peakPercent)), no curve kept") + "</title></circle>"
        }
        let points = cycle.curve.map { frame.point($0.at - cycle.start, $0.percent) }.joined(separator: " ")
        let title = "\(format.dateTime(cycle.start)): peak \(PageFormat.percent(cycle.peakPercent))"
        return
            "<polyline class=\"\(className)\" points=\"\(points)\"><title>\(HTMLText.escape(title))</title></polyline>\n"
    }

    /// From the latest reading to the reset: the recent rate's line, the history's line, and the band between.
    private func band(_ current: Report.Cycle, _ forecast: Report.Forecast, _ frame: ChartFrame) -> String {
        let reset = forecast.resetsAt ?? current.reset ?? (current.start + length)
        let hoursLeft = (reset - forecast.at) / 3600
        guard hoursLeft > 0 else { return "" }
        let from = frame.point(forecast.at - current.start, forecast.usedPercent)
        let end = reset - current.start
        let rate = forecast.recentRatePerHour.map { forecast.usedPercent + max($0, 0) * hoursLeft }
        let history = forecast.historyPercentAtReset
        var svg = ""
        if let rate, let history {
            svg += "<polygon class=\"band\" points=\"\(from) \(frame.point(end, rate)) \(frame.point(end, history))\"/>"
        }
        if let rate {
            svg += "<polyline class=\"rate\" points=\"\(from) \(frame.point(end, rate))\"/>"
        }
        if let history {
            svg += "<polyline class=\"history\" points=\"\(from) \(frame.point(end, history))\"/>"
        }
        return svg
    }

    private func hitMarks(_ frame: ChartFrame, cycles: [Report.Cycle]) -> String {
        var svg = ""
        for hit in hits {
            guard
                let cycle = cycles.last(where: { hit.at >= $0.start && hit.at < ($0.reset ?? .infinity) })
            else { continue }
            let title = "limit hit \(format.dateTime(hit.at))"
            svg += frame.diamond(frame.x(hit.at - cycle.start), frame.y(100), title: title)
        }
        return svg
    }

    /// Hours for the session, days (named after the current cycle's) for a week, about six ticks in all.
    private func ticks(_ frame: ChartFrame, start: Double?) -> String {
        var svg = ""
        if length <= 12 * 3600 {
            let step = length <= 6 * 3600 ? 3600.0 : 7200
            var offset = 0.0
            while offset <= length + 1 {
                svg += frame.timeTick(offset, "\(PageFormat.whole(offset / 3600))h")
                offset += step
            }
        } else {
            let step = length <= 10 * 86_400 ? 86_400.0 : ((length / 6 / 86_400).rounded(.up) * 86_400)
            var offset = 0.0
            while offset <= length + 1 {
                let label = start.map { format.weekday($0 + offset) } ?? "d\(PageFormat.whole(offset / 86_400))"
                svg += frame.timeTick(offset, label)
                offset += step
            }
        }
        return svg
    }
}
