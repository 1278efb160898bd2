extension ReportPageDemo {
    /// The Now block and the forecasts, from each window's current cycle.
    static func addNow(_ report: inout Report) {
        let forecasts: [Report.WindowKey: (rate: Double, hours: Double, samples: Int, history: Double, cycles: Int)] = [
            session: (17.5, 1, 58, 86, 41), week: (1.3, 6, 36, 97, 4), opus: (0.28, 6, 36, 47, 4),
        ]
        for window in [session, week, opus] {
            guard let cycle = report.cycles.last(where: { $0.window == window && $0.isCurrent }),
                let last = cycle.curve.last, let reset = cycle.reset, let basis = forecasts[window]
            else { continue }
            let length = reset - cycle.start
            let even = (last.at - cycle.start) / length * 100
            let source = window == session ? "statusline" : "command"
            report.now.append(
                .init(
                    window: window, usedPercent: last.percent, at: last.at, source: source, resetsAt: reset,
                    paceDelta: last.percent - even))
            let hoursLeft = (reset - last.at) / 3600
            let recent =
                basis.rate * hoursLeft + last.percent >= 100 ? last.at + (100 - last.percent) / basis.rate * 3600 : nil
            report.forecasts.append(
                .init(
                    window: window, usedPercent: last.percent, at: last.at, resetsAt: reset, evenPacePercent: even,
                    paceDelta: last.percent - even, recentRatePerHour: basis.rate, recentHits100At: recent,
                    recentSamples: basis.samples, recentHours: basis.hours,
                    historyHits100At: basis.history >= 100 ? reset - 3600 : nil, historyPercentAtReset: basis.history,
                    historyCycles: basis.cycles))
        }
    }

    /// Versions, a model and an account change, five warnings (one still active, one seen three times), errors
    /// on most days, and the health score.
    static func addHealth(_ report: inout Report, dice: inout Dice) {
        let day = 86_400.0
        report.versions = [
            .init(label: "", version: "2.1.320", firstSeen: since + 120, lastSeen: since + 11.4 * day, records: 274),
            .init(
                label: "", version: "2.1.330", firstSeen: since + 11.45 * day, lastSeen: since + 23.3 * day,
                records: 281),
            .init(label: "", version: "2.1.332", firstSeen: since + 23.4 * day, lastSeen: now - 60, records: 165),
        ]
        report.changes = [
            .init(label: "", at: since + 17.4 * day, field: "model", from: "claude-sonnet-4-6", to: "claude-opus-4-5"),
            .init(label: "", at: since + 25.6 * day, field: "account", from: "sha256:5f2c…", to: "sha256:a91e…"),
        ]
        report.diagnostics = [
            .init(
                label: "", type: "usage_window_missing", severity: "warning",
                message: "/usage showed no 'Current week (Opus)' window", firstSeen: since + 2.4 * day,
                lastSeen: since + 2.6 * day, timesSeen: 1, resolvedAt: since + 2.65 * day),
            .init(
                label: "", type: "probe_timeout", severity: "warning",
                message: "claude /usage did not finish within 45 s", firstSeen: since + 7.3 * day,
                lastSeen: since + 9.5 * day, timesSeen: 3, resolvedAt: since + 9.6 * day),
            .init(
                label: "", type: "version_mismatch", severity: "warning",
                message: "the statusline reports 2.1.330 but claude --version says 2.1.320",
                firstSeen: since + 11.45 * day, lastSeen: since + 12.1 * day, timesSeen: 1,
                resolvedAt: since + 12.2 * day),
            .init(
                label: "", type: "low_free_space", severity: "error", message: "less than 100 MB free for the logs",
                firstSeen: since + 19.8 * day, lastSeen: since + 20.9 * day, timesSeen: 1, resolvedAt: since + 21 * day),
            .init(
                label: "", type: "probe_signed_out", severity: "warning",
                message: "/usage shows no plan windows while the statusline shows plan limits (signed in through "
                    + "CLAUDE_CODE_OAUTH_TOKEN?)", firstSeen: since + 27.4 * day, lastSeen: now - 600, timesSeen: 1,
                resolvedAt: nil),
        ]
        report.healthScore = 0.874
        var start = since - 3600
        var index = 0
        while start < now {
            let label = "2026-11-" + (index < 9 ? "0" : "") + "\(index + 1)"
            let busy = dice.next()
            let counts = [
                ("rate_limit_error", busy > 0.75 ? Int(busy * 6) : 0), ("overloaded_error", busy < 0.2 ? 2 : 0),
                ("loading", Int(dice.next() * 3)), ("unavailable", busy > 0.45 && busy < 0.5 ? 1 : 0),
            ]
            for (type, count) in counts where count > 0 {
                report.errors.append(.init(period: label, periodStart: start, type: type, count: count))
            }
            start += day
            index += 1
        }
    }
}
