import Foundation

extension ReportPage {
    /// The Now block: per window its latest percent on a meter with the even-pace mark, how far ahead or behind,
    /// the reading's age and source, the time to the reset, and both forecasts with what they stand on.
    func nowSection() -> String {
        var html = "<section id=\"now\">\n<h2>Now</h2>\n"
        guard !report.now.isEmpty else {
            return html + "<p class=\"empty\">No reading of any window in this range.</p>\n</section>\n"
        }
        html += "<div class=\"now\">\n"
        for entry in report.now {
            html += card(entry, forecast: report.forecasts.first { $0.window == entry.window })
        }
        return html + "</div>\n</section>\n"
    }

    private func card(_ entry: Report.NowEntry, forecast: Report.Forecast?) -> String {
        let level = entry.usedPercent >= 95 ? " level-high" : ""
        var html = "<div class=\"card\(level)\">"
        html += "<div class=\"name\">\(HTMLText.escape(entry.window.title))</div>"
        html += "<div class=\"big\">\(PageFormat.percent(entry.usedPercent))<small>used</small>"
        if entry.usedPercent >= 100 {
            html += "<span class=\"badge hit\">◆ at the limit</span>"
        } else if entry.usedPercent >= 80 {
            html += "<span class=\"badge warn\">past 80%</span>"
        }
        html += "</div>"
        let even = forecast?.evenPacePercent ?? entry.paceDelta.map { entry.usedPercent - $0 }
        html += "<div class=\"meter\" role=\"presentation\">"
        html +=
            "<div class=\"fill\" style=\"width:\(PageFormat.coordinate(min(max(entry.usedPercent, 0), 100)))%\"></div>"
        html += "<div class=\"m80\" style=\"left:80%\"></div>"
        if let even {
            html += "<div class=\"even\" style=\"left:\(PageFormat.coordinate(min(max(even, 0), 100)))%\"></div>"
        }
        html += "</div>"
        var facts: [(String, String)] = []
        if let delta = entry.paceDelta { facts.append(("Pace", Self.pace(delta, even: even))) }
        if let resets = entry.resetsAt, resets > report.generatedAt {
            facts.append(
                (
                    "Resets",
                    "in <b>\(PageFormat.span(resets - report.generatedAt))</b> · \(HTMLText.escape(format.dateTime(resets)))"
                ))
        }
        facts.append(
            ("Read", "\(PageFormat.span(report.generatedAt - entry.at)) ago · \(HTMLText.escape(entry.source))"))
        if let forecast { facts += forecastFacts(forecast) }
        html += "<dl class=\"facts\">" + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
        return html + "</div>\n"
    }

    /// `▲ 12 points ahead · even pace 41%`: the arrow and the word say it, not only the colour.
    static func pace(_ delta: Double, even: Double?) -> String {
        let points = PageFormat.whole(abs(delta))
        let evenText = even.map { " <span class=\"muted\">· even pace \(PageFormat.percent($0))</span>" } ?? ""
        if points == 0 { return "<b>on pace</b>\(evenText)" }
        let word = delta > 0 ? "ahead" : "behind"
        let arrow = delta > 0 ? "▲" : "▼"
        return "<span class=\"\(word)\">\(arrow) \(points) point\(points == 1 ? "" : "s") \(word)</span>\(evenText)"
    }

    /// The two forecasts, each with what it stands on.
    private func forecastFacts(_ forecast: Report.Forecast) -> [(String, String)] {
        let never = "<b>not 100% before the reset</b>"
        var recent = "<span class=\"muted\">too few recent readings</span>"
        if let rate = forecast.recentRatePerHour, forecast.recentSamples > 1 {
            recent = forecast.recentHits100At.map { "100% <b>\(HTMLText.escape(format.dateTime($0)))</b>" } ?? never
            recent +=
                "<br><span class=\"muted\">" + String(format: "%+.1f points an hour", rate)
                + " over \(PageFormat.span(forecast.recentHours * 3600)), \(forecast.recentSamples) readings</span>"
        }
        var history = "<span class=\"muted\">no past cycle yet</span>"
        if forecast.historyCycles > 0 {
            if let hits = forecast.historyHits100At {
                history = "100% <b>\(HTMLText.escape(format.dateTime(hits)))</b>"
            } else if let atReset = forecast.historyPercentAtReset {
                history = "about <b>\(PageFormat.percent(atReset))</b> at the reset"
            } else {
                history = never
            }
            history +=
                "<br><span class=\"muted\">hour by hour as in \(forecast.historyCycles) past "
                + "cycle\(forecast.historyCycles == 1 ? "" : "s")</span>"
        }
        return [("At the recent rate", recent), ("As usual", history)]
    }
}
