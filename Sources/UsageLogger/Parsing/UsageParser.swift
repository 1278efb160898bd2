import Foundation

/// Reads a `/usage` screen. Pure: bytes or rendered rows and the capture time in, a `UsageReport` out.
public enum UsageParser {
    public static func parse(_ bytes: some Sequence<UInt8>, capturedAt: Date) -> UsageReport {
        parse(frames: VirtualScreen.frames(of: bytes), capturedAt: capturedAt)
    }

    /// Parses every frame and keeps the one that told the most (the later one on a tie).
    public static func parse(frames: [[String]], capturedAt: Date) -> UsageReport {
        best(of: frames, capturedAt: capturedAt).report
    }

    /// The report of the frame that told the most (the later one on a tie), and that frame's rows (for `raw`).
    public static func best(of frames: [[String]], capturedAt: Date) -> (report: UsageReport, frame: [String]) {
        var best = (report: UsageReport(), frame: frames.last ?? [])
        for frame in frames {
            let report = parse(lines: frame, capturedAt: capturedAt)
            if report.score >= best.report.score { best = (report, frame) }
        }
        return best
    }

    public static func parse(lines: [String], capturedAt: Date) -> UsageReport {
        var reader = UsageLineReader(capturedAt: capturedAt)
        var index = 0
        while index < lines.count {
            index += reader.read(lines, at: index)
        }
        return reader.report
    }
}

/// Reads one screen top to bottom, remembering the last title and the window or section it opened.
private struct UsageLineReader {
    private enum Section { case none, window(Int), extraUsage, modelList }

    let capturedAt: Date
    var report = UsageReport()
    private var section = Section.none
    private var pendingTitle: (name: String, loose: Bool)?

    init(capturedAt: Date) { self.capturedAt = capturedAt }

    /// Reads the line at `index` (and any it continues onto); returns how many lines it used.
    mutating func read(_ lines: [String], at index: Int) -> Int {
        let line = CaptureLine(lines[index])
        let squashed = line.squashed
        if line.isBlank || line.isDecoration || squashed.contains("statusconfigusage") || squashed.contains("esctoc")
            || squashed.hasSuffix("toswitch")
        {
            return 1
        }
        if squashed.contains("failedtoloadusagedata") {
            return readError(lines, at: index)
        }
        // Only a row that is the loading message (perhaps after a spinner, perhaps with a short hint after it):
        // a text that merely mentions it, such as the README, is not a loading screen.
        if squashed.hasPrefix("loadingusagedata"), squashed.count <= 40 { report.sawLoading = true }
        if squashed.contains("onlyavailableforsubscriptionplans") || Self.isUnknownCommand(squashed) {
            // `/usage is only available for subscription plans.`; `Unknown skill: usage` where a release has no
            // Usage dialog (2.1.97 signed out): nothing will load, and the record says why.
            report.unavailable = true
            report.unavailableReason = line.text.hasPrefix("❯") ? String(line.text.dropFirst()).trimmed : line.text
            return 1
        }
        if squashed.contains("showinglastknownusage") || squashed.hasPrefix("asof") { report.stale = true }
        if let percent = UsagePercent.find(in: line.text) {
            readPercent(percent, in: line.text)
        } else if squashed.hasPrefix("resets") {
            attachReset(String(line.text.dropFirst(6)).trimmed)
        } else if let colon = line.text.firstIndex(of: ":"), readCostRow(line.text, colon: colon) {
            return 1
        } else if case .extraUsage = section {
            readExtraUsage(line.text)
        } else if !line.startsWithBlockArt, let title = WindowTitle.match(line.text) {
            switch title {
            case .extraUsage:
                section = .extraUsage
                report.extraUsage = report.extraUsage ?? UsageReport.ExtraUsage()
            case .window(let name, let loose):
                pendingTitle = (name, loose)
            }
        } else if !line.startsWithBlockArt, !line.text.contains(":"), line.text.count <= 60,
            line.text.first?.isLetter == true
        {
            pendingTitle = (line.text.collapsingSpaces, false)  // any title followed by `N% used` is a window
        }
        return 1
    }

    /// `Unknown skill: usage` (2.1.97), or a similar answer to an unknown `/usage`.
    private static func isUnknownCommand(_ squashed: String) -> Bool {
        ["unknownskillusage", "unknowncommandusage", "unknownslashcommandusage"].contains { squashed.hasPrefix($0) }
    }

    private mutating func readPercent(_ percent: UsagePercent, in text: String) {
        let value: Double? = (0...100).contains(percent.shown) ? percent.used : nil
        if case .extraUsage = section, pendingTitle == nil {
            report.extraUsage?.usedPercent = value
            return
        }
        let characters = Array(text)
        let before = String(characters[..<percent.start]).filter { $0.isLetter || $0 == " " || $0 == "(" || $0 == ")" }
            .trimmed
        var title = pendingTitle
        if before.count >= 4, case .window(let name, let loose)? = WindowTitle.match(before) { title = (name, loose) }
        let window = UsageReport.Window(
            name: title?.name ?? "Unnamed window", usedPercent: value, shownAs: percent.display, resets: nil,
            resetsAt: nil, recoveredLoosely: title?.loose ?? false)
        report.windows.append(window)
        section = .window(report.windows.count - 1)
        pendingTitle = nil
        let after = String(characters[percent.end...])
        if let inline = after.after("resets") { attachReset(inline.trimmed) }
    }

    private mutating func attachReset(_ text: String) {
        guard case .window(let index) = section, report.windows[index].resets == nil else { return }
        var reset = text
        // Inline form `(Resets 7pm (Europe/Berlin))`: drop the closing parenthesis of the outer pair.
        while reset.hasSuffix(")"), reset.filter({ $0 == ")" }).count > reset.filter({ $0 == "(" }).count {
            reset.removeLast()
        }
        report.windows[index].resets = reset.trimmed
        report.windows[index].resetsAt = ResetTime.resolve(reset, capturedAt: capturedAt)
    }

    private mutating func readExtraUsage(_ text: String) {
        var extra = report.extraUsage ?? UsageReport.ExtraUsage()
        let squashed = text.squashed
        if squashed.contains("notenabled") { extra.enabled = false }
        if text.contains("$"), squashed.contains("spent") {
            let amounts = text.components(separatedBy: "$").dropFirst().map {
                Double($0.prefix { $0.isNumber || $0 == "." })
            }
            extra.enabled = true
            extra.used = amounts.first ?? nil
            extra.limit = amounts.dropFirst().first ?? nil
        }
        extra.text = [extra.text, text.trimmed].compactMap { $0 }.joined(separator: " ")
        report.extraUsage = extra
    }

    /// Rows of the cost block (`Total cost:`, durations, `Usage by model:` and its model rows, `Usage:`).
    private mutating func readCostRow(_ text: String, colon: String.Index) -> Bool {
        let label = String(text[..<colon]).squashed
        let value = String(text[text.index(after: colon)...]).trimmed
        var cost = report.cost ?? UsageReport.Cost()
        switch label {
        case "totalcost", "estimatedcost": cost.totalCost = value.components(separatedBy: " (").first ?? value
        case "totaldurationapi": cost.apiDuration = value
        case "totaldurationwall": cost.wallDuration = value
        case "totalcodechanges": cost.codeChanges = value
        case "usagebymodel": section = .modelList
        case "usage": cost.tokens = Self.tokenCounts(value)
        default:
            guard case .modelList = section, let tokens = Self.tokenCounts(value) else { return false }
            let costText = value.components(separatedBy: "(").last.flatMap {
                $0.hasSuffix(")") ? String($0.dropLast()) : nil
            }
            cost.models.append(.init(model: String(text[..<colon]).trimmed, tokens: tokens, cost: costText))
        }
        report.cost = cost
        return true
    }

    /// Parses `1.2k input, 5.3k output, 940.0k cache read, 50.0k cache write ($0.55)`.
    static func tokenCounts(_ text: String) -> UsageReport.TokenCounts? {
        var counts = UsageReport.TokenCounts()
        var found = false
        let withoutCost = text.components(separatedBy: "(").first ?? text
        for part in withoutCost.components(separatedBy: ",") {
            let words = part.trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2, let number = tokenNumber(words[0]) else { continue }
            switch words[1].squashed {
            case "input": counts.input = number
            case "output": counts.output = number
            case "cacheread": counts.cacheRead = number
            case "cachewrite": counts.cacheWrite = number
            default: continue
            }
            found = true
        }
        return found ? counts : nil
    }

    private static func tokenNumber(_ text: String) -> Int? {
        let lower = text.lowercased()
        let multiplier: Double =
            lower.hasSuffix("k") ? 1_000 : lower.hasSuffix("m") ? 1_000_000 : lower.hasSuffix("b") ? 1e9 : 1
        let digits = multiplier == 1 ? lower : String(lower.dropLast())
        guard let value = Double(digits), value.isFinite, value >= 0, value * multiplier < 1e15 else { return nil }
        return Int((value * multiplier).rounded())
    }

    /// `Error: Failed to load usage data: {json}`, the JSON possibly wrapped over several lines.
    private mutating func readError(_ lines: [String], at index: Int) -> Int {
        // The JSON body starts at the first brace; lines that lost their spaces have no "usage data" to look for.
        var body = lines[index].firstIndex(of: "{").map { String(lines[index][$0...]) } ?? ""
        var used = 1
        while index + used < lines.count, used < 12, body.contains("{"),
            body.filter({ $0 == "{" }).count > body.filter({ $0 == "}" }).count
        {
            let next = lines[index + used].trimmed
            if next.isEmpty { break }
            body += next
            used += 1
        }
        report.error = UsageErrorBody.parse(body.trimmed)
        return used
    }
}
