/// One window over the whole range of the report: each cycle's used percent as a filled curve that falls back at
/// its reset, with its even-pace line when the cycle is wide enough to show it, limit hits as diamonds, and a
/// hatched block up to the peak for a cycle whose curve was not kept.
struct RangeChart {
    let window: Report.WindowKey
    let cycles: [Report.Cycle]
    let hits: [Report.LimitHit]
    let range: ClosedRange<Double>
    let now: Double
    let length: Double
    let format: PageFormat
    let id: String

    func svg() -> String {
        var frame = ChartFrame(width: 600, height: 220, xRange: range)
        frame.left = 40
        let highest = cycles.map(\.peakPercent).max() ?? 0
        frame.yMax = highest > 100 ? min(((highest + 9) / 10).rounded(.down) * 10, 200) : 100
        var svg = frame.open(label: "\(window.title): used percent over the report's range", className: "range-chart")
        svg += frame.clip(id: id) + frame.percentGrid() + frame.dayTicks(format)
        svg += "<g clip-path=\"url(#\(id))\">"
        for cycle in cycles where (cycle.reset ?? now) >= range.lowerBound && cycle.start <= range.upperBound {
            svg += draw(cycle, frame)
        }
        if now >= range.lowerBound, now <= range.upperBound {
            svg += frame.line(
                frame.x(now), frame.top, frame.x(now), frame.top + frame.plotHeight, className: "now-line")
        }
        svg += "</g>"
        if now >= range.lowerBound, now <= range.upperBound {
            svg += frame.text(frame.x(now) - 4, frame.top + frame.plotHeight - 5, "now", className: "axis end")
        }
        for hit in hits where range.contains(hit.at) {
            svg += frame.diamond(
                frame.x(hit.at), frame.y(100), size: 4.5, title: "limit hit \(format.dateTime(hit.at))")
        }
        return svg + "</svg>"
    }

    private func draw(_ cycle: Report.Cycle, _ frame: ChartFrame) -> String {
        let end = cycle.reset ?? now
        let pixels = frame.x(end) - frame.x(cycle.start)
        var svg = ""
        if pixels >= 36, let reset = cycle.reset {
            svg += "<polyline class=\"pace\" points=\"\(frame.point(cycle.start, 0)) \(frame.point(reset, 100))\"/>"
            svg += frame.line(
                frame.x(reset), frame.top, frame.x(reset), frame.top + frame.plotHeight, className: "reset-line")
        }
        let title = HTMLText.escape(
            "\(format.dateTime(cycle.start)) to \(cycle.reset.map(format.dateTime) ?? "now"): peak "
                + "\(PageFormat.percent(cycle.peakPercent)), coverage \(PageFormat.percent(cycle.coverage * 100))")
        guard !cycle.curve.isEmpty else {
            let top = frame.y(cycle.peakPercent)
            return svg + "<rect class=\"peak-only\" x=\"\(PageFormat.coordinate(frame.x(cycle.start)))\" "
                + "y=\"\(PageFormat.coordinate(top))\" width=\"\(PageFormat.coordinate(max(pixels, 1)))\" "
                + "height=\"\(PageFormat.coordinate(frame.top + frame.plotHeight - top))\"><title>\(title)</title></rect>\n"
        }
        let points = thinned(cycle.curve, frame)
        let line = points.joined(separator: " ")
        let first = cycle.curve[0]
        let last = cycle.curve[cycle.curve.count - 1]
        svg += "<polygon class=\"area\" points=\"\(frame.point(first.at, 0)) \(line) \(frame.point(last.at, 0))\"/>"
        svg +=
            "<polyline class=\"\(cycle.isCurrent ? "current" : "used")\" points=\"\(line)\"><title>\(title)</title>"
            + "</polyline>\n"
        return svg
    }

    /// The curve's points at most about one per pixel (the highest of each pixel, so peaks survive), which keeps a
    /// month of 5-hour cycles small.
    private func thinned(_ curve: [Report.CurvePoint], _ frame: ChartFrame) -> [String] {
        var points: [String] = []
        var pixel = Int.min
        var best: Report.CurvePoint?
        for point in curve {
            let column = PageFormat.whole(frame.x(point.at).rounded(.down))
            if column != pixel, let kept = best {
                points.append(frame.point(kept.at, kept.percent))
                best = nil
            }
            pixel = column
            if let kept = best, kept.percent > point.percent { continue }
            best = point
        }
        if let kept = best { points.append(frame.point(kept.at, kept.percent)) }
        return points
    }
}
