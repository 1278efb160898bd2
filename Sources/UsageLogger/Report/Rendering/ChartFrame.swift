/// The plotting area of one SVG chart: its size in the SVG's own units, its margins for axes and labels, and the
/// ranges of time (x) and percent (y) it shows. Maps values to coordinates and draws the parts every chart
/// shares: the percent grid with the 80 % and 100 % marks, and ticks along the time axis.
struct ChartFrame {
    var width: Double
    var height: Double
    var left = 38.0
    var right = 12.0
    var top = 14.0
    var bottom = 26.0
    var xRange: ClosedRange<Double>
    var yMax = 100.0

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    func x(_ value: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        return left + (span > 0 ? (value - xRange.lowerBound) / span : 0) * plotWidth
    }

    /// Not clamped: what runs past the top is cut by the chart's clip path, so slopes stay true.
    func y(_ percent: Double) -> Double { top + (1 - percent / yMax) * plotHeight }

    /// `x,y` for a polyline's points.
    func point(_ time: Double, _ percent: Double) -> String {
        PageFormat.coordinate(x(time)) + "," + PageFormat.coordinate(y(percent))
    }

    /// The opening `<svg>` with its title for screen readers; close with `</svg>`.
    func open(label: String, className: String) -> String {
        "<svg class=\"\(className)\" viewBox=\"0 0 \(PageFormat.coordinate(width)) \(PageFormat.coordinate(height))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
            + "<title>\(HTMLText.escape(label))</title>"
    }

    /// Horizontal lines at 0, 20, 40, 60 % (faint), 80 % (dotted) and 100 % (dashed), labelled on the left.
    func percentGrid() -> String {
        var svg = "<g class=\"grid\">"
        for percent in [0.0, 20, 40, 60] {
            svg += line(left, y(percent), width - right, y(percent), className: "grid-line")
            svg += label(percent)
        }
        svg += line(left, y(80), width - right, y(80), className: "mark-80")
        svg += line(left, y(100), width - right, y(100), className: "mark-100")
        svg += label(80, className: "mark-label") + label(100, className: "mark-label")
        return svg + "</g>"
    }

    private func label(_ percent: Double, className: String = "axis") -> String {
        text(left - 5, y(percent) + 4, "\(PageFormat.whole(percent))%", className: className + " end")
    }

    /// A tick and its label under the plot at `time`.
    func timeTick(_ time: Double, _ text: String) -> String {
        let position = x(time)
        return line(position, top, position, top + plotHeight, className: "grid-line")
            + self.text(position, height - bottom + 16, text, className: "axis middle")
    }

    /// A tick at midnight every day, or every few days, about 70 units apart at least.
    func dayTicks(_ format: PageFormat) -> String {
        let days = (xRange.upperBound - xRange.lowerBound) / 86_400
        let step = Double(max(1, PageFormat.whole((days * 70 / plotWidth).rounded(.up))))
        var svg = ""
        var day = format.startOfDay(xRange.lowerBound)
        if day < xRange.lowerBound { day = format.nextDay(day) }
        // One step per tick, however long the range: two hours past the day `step` days on, back to its midnight,
        // is right across a change of clocks too.
        while day <= xRange.upperBound, svg.count < 100_000 {
            svg += timeTick(day, format.dayTick(day))
            let next = step == 1 ? format.nextDay(day) : format.startOfDay(day + step * 86_400 + 7200)
            guard next > day else { break }
            day = next
        }
        return svg
    }

    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) -> String {
        "<line class=\"\(className)\" x1=\"\(PageFormat.coordinate(x1))\" y1=\"\(PageFormat.coordinate(y1))\" "
            + "x2=\"\(PageFormat.coordinate(x2))\" y2=\"\(PageFormat.coordinate(y2))\"/>"
    }

    func text(_ x: Double, _ y: Double, _ text: String, className: String) -> String {
        "<text class=\"\(className)\" x=\"\(PageFormat.coordinate(x))\" y=\"\(PageFormat.coordinate(y))\">"
            + HTMLText.escape(text) + "</text>"
    }

    /// A diamond (the mark of a limit hit) centred on a point, with a tooltip.
    func diamond(_ cx: Double, _ cy: Double, size: Double = 5, title: String) -> String {
        let points = [(cx, cy - size), (cx + size, cy), (cx, cy + size), (cx - size, cy)]
            .map { PageFormat.coordinate($0.0) + "," + PageFormat.coordinate($0.1) }.joined(separator: " ")
        return "<polygon class=\"hit\" points=\"\(points)\"><title>\(HTMLText.escape(title))</title></polygon>\n"
    }

    /// A clip path named `id` around the plotting area, so lines that run past 100 % or the window stop at its edge.
    func clip(id: String) -> String {
        "<clipPath id=\"\(id)\"><rect x=\"\(PageFormat.coordinate(left))\" y=\"\(PageFormat.coordinate(top - 2))\" "
            + "width=\"\(PageFormat.coordinate(plotWidth))\" height=\"\(PageFormat.coordinate(plotHeight + 2))\"/>"
            + "</clipPath>"
    }
}
