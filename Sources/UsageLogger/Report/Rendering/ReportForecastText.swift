/// A forecast in words: when 100 % comes at the recent rate and by the user's own history, or that it does not
/// come before the reset, and what each says it stands on.
enum ReportForecastText {
    static func lines(_ forecast: Report.Forecast, now: Double, format: ReportTimeFormat) -> [String] {
        var lines: [String] = []
        if let even = forecast.evenPacePercent, let delta = forecast.paceDelta {
            let side =
                abs(delta) < 0.5
                ? "on the even pace"
                : "\(ReportTimeFormat.number(abs(delta))) points \(delta > 0 ? "ahead of" : "behind") the even pace"
            lines.append("\(side) (\(ReportTimeFormat.percent(even)) of the window's time has passed)")
        }
        let reset = forecast.resetsAt.map { " reset at \(format.clock($0, sameDayAs: now))" } ?? ""
        if let rate = forecast.recentRatePerHour, forecast.recentSamples >= 2 {
            let basis =
                "\(sign(rate))\(ReportTimeFormat.number(rate)) points/h over the last "
                + "\(ReportTimeFormat.duration(forecast.recentHours * 3600)), \(forecast.recentSamples) readings"
            if let at = forecast.recentHits100At {
                let before = forecast.resetsAt.map { ", \(ReportTimeFormat.duration($0 - at)) before the reset" } ?? ""
                lines.append("recent rate: 100% at \(format.clock(at, sameDayAs: now))\(before) (\(basis))")
            } else {
                lines.append("recent rate: not before the\(reset.isEmpty ? " reset" : reset) (\(basis))")
            }
        } else {
            lines.append("recent rate: too few recent readings to tell")
        }
        if forecast.historyCycles > 0 {
            let cycles = "\(forecast.historyCycles) past cycle\(forecast.historyCycles == 1 ? "" : "s")"
            if let at = forecast.historyHits100At {
                lines.append(
                    "your history: 100% at \(format.clock(at, sameDayAs: now)) (\(cycles), by hour of the week)")
            } else {
                let expected = forecast.historyPercentAtReset.map {
                    "about \(ReportTimeFormat.percent($0)) at the reset"
                }
                lines.append("your history: \(expected ?? "not before the reset") (\(cycles), by hour of the week)")
            }
        } else {
            lines.append("your history: no past cycle of this window yet")
        }
        return lines
    }

    private static func sign(_ value: Double) -> String { value > 0 ? "+" : "" }
}
