import Foundation

/// Reads a `/status` screen. Pure: bytes or rendered rows in, a `StatusReport` out; nothing that comes from
/// outside can make it fail.
public enum StatusParser {
    /// Renders a capture (raw terminal bytes or already rendered text) and parses its best frame.
    public static func parse(_ bytes: some Sequence<UInt8>) -> StatusReport {
        parse(frames: VirtualScreen.frames(of: bytes))
    }

    /// Parses every frame and keeps the one that told the most (the later one on a tie).
    public static func parse(frames: [[String]]) -> StatusReport {
        best(of: frames).report
    }

    /// The report of the frame that told the most (the later one on a tie), and that frame's rows (for `raw`).
    public static func best(of frames: [[String]]) -> (report: StatusReport, frame: [String]) {
        var best = (report: StatusReport(), frame: frames.last ?? [])
        for frame in frames {
            let report = parse(lines: frame)
            if report.score >= best.report.score, report.foundAnything || !best.report.foundAnything {
                best = (report, frame)
            }
        }
        return best
    }

    /// Parses one rendered screen.
    public static func parse(lines: [String]) -> StatusReport {
        var reader = StatusLineReader()
        for line in lines { reader.read(CaptureLine(line)) }
        return reader.finish()
    }
}

/// The state of reading one screen top to bottom: the section we are in and the row that a more indented line
/// would continue.
private struct StatusLineReader {
    private enum Pending {
        case field(StatusField, indent: Int)
        case extra(index: Int, indent: Int)
        case warning(index: Int, indent: Int)

        var indent: Int {
            switch self {
            case .field(_, let indent), .extra(_, let indent), .warning(_, let indent): indent
            }
        }
    }

    private var report = StatusReport()
    private var section = StatusSection.none
    private var pending: Pending?
    /// A warning an empty row has just interrupted: an indented line right after it still continues the warning
    /// (2.1.19 to 2.1.314 print the fix command of the PATH warning after one empty row).
    private var warningBeforeBlank: Pending?
    private var warnings: [String] = []
    private var headerVersion: String?
    private var bannerVersion: String?
    private var lastIndent = 0

    mutating func read(_ line: CaptureLine) {
        if line.isBlank {
            if case .warning? = pending { warningBeforeBlank = pending } else { warningBeforeBlank = nil }
            pending = nil
            return
        }
        if let warning = warningBeforeBlank {
            warningBeforeBlank = nil
            pending = warning
        }
        if isChrome(line) {
            if isFooter(line) { section = .none }  // the panel ends: what follows is not its diagnostics
            pending = nil
            return
        }
        if line.isDecoration || line.startsWithBlockArt {
            if bannerVersion == nil, let version = Self.version(after: "Claude Code", in: line.text) {
                bannerVersion = version
            }
            pending = nil
            return
        }
        if let pending, line.indent > pending.indent, !line.hasTreeMark, Self.glyph(of: line) == nil,
            labelled(line).flatMap({ StatusField(label: $0.label, value: $0.value) }) == nil
        {
            continueRow(pending, with: line.text)
            return
        }
        pending = nil
        if line.squashed.hasPrefix("claudecode"), let version = Self.version(after: "Claude Code", in: line.text) {
            headerVersion = headerVersion ?? version
            return
        }
        if let title = StatusSection(title: line) {
            section = title
            return
        }
        if let glyph = Self.glyph(of: line) {
            readMarked(line, glyph: glyph)
        } else if section == .workingDirectory, line.hasTreeMark {
            readKeyless(line.text)
        } else if let row = labelled(line) {
            readLabelled(row.label, row.value, indent: line.indent)
        } else if line.hasTreeMark || section != .none {
            lastIndent = line.indent
            readKeyless(line.text)
        }
    }

    mutating func finish() -> StatusReport {
        report.diagnostics = warnings.map(DiagnosticClassifier.classify)
        report.version = report.version.flatMap(Self.versionNumber) ?? headerVersion ?? bannerVersion
        report.email = report.email.flatMap(Self.emailAddress)
        // A credential row keeps where the credential came from, never the credential.
        report.authToken = report.authToken.map(CredentialScrubber.source(of:))
        report.apiKey = report.apiKey.map(CredentialScrubber.source(of:))
        if report.sessionName?.hasPrefix("/rename") == true { report.sessionName = nil }
        if let model = report.model { report.modelID = Self.modelID(in: model) }
        return report
    }

    private mutating func readMarked(_ line: CaptureLine, glyph: Unicode.Scalar) {
        let message = String(line.text.unicodeScalars.dropFirst().drop { $0 == " " || $0 == "\u{FE0F}" })
        switch (section, glyph) {
        case (.mcp, _):
            let state = glyph == "⚠" ? "warning" : glyph == "✘" ? "failed" : "connected"
            report.mcpServers.append(.init(name: message, state: state))
        case (.ide, _):
            report.ide = message
            pending = .field(.ide, indent: line.indent)
        case (.diagnostics, "⚠"):
            warnings.append(message)
            pending = .warning(index: warnings.count - 1, indent: line.indent)
        case (_, "⚠"):
            // Start-up notices above the panel (2.1.176: `⚠ 2 setup issues: plugins, install · /doctor`) are not
            // the panel's installation warnings.
            report.notices.append(message)
        default:
            break
        }
    }

    private mutating func readLabelled(_ label: String, _ value: String, indent: Int) {
        guard let field = StatusField(label: label, value: value) else {
            if section == .memory {
                appendMemory("\(label): \(value)")
            } else {
                report.extra.append((label, value))
                pending = .extra(index: report.extra.count - 1, indent: indent)
            }
            return
        }
        if field == .mcpServers {
            readMCPServers(value)
        } else if let keyPath = field.keyPath, report[keyPath: keyPath] == nil {
            report[keyPath: keyPath] = value.isEmpty ? nil : value
        }
        pending = .field(field, indent: indent)
    }

    private mutating func readKeyless(_ text: String) {
        switch section {
        case .workingDirectory: report.workingDirectory = report.workingDirectory ?? text
        case .model: report.model = report.model ?? text
        case .ide:
            report.ide = report.ide ?? text
            pending = .field(.ide, indent: lastIndent)
        case .memory: appendMemory(text)
        case .mcp: report.mcpServers.append(.init(name: text, state: "unknown"))
        default: break
        }
    }

    private mutating func continueRow(_ pending: Pending, with text: String) {
        switch pending {
        case .field(let field, _):
            guard let keyPath = field.keyPath else { return }
            report[keyPath: keyPath] = [report[keyPath: keyPath], text].compactMap { $0 }.joined(separator: " ")
        case .extra(let index, _):
            report.extra[index].value = [report.extra[index].value, text].filter { !$0.isEmpty }.joined(separator: " ")
        case .warning(let index, _):
            warnings[index] += " " + text
        }
    }

    private mutating func appendMemory(_ entry: String) {
        report.memory = [report.memory, entry].compactMap { $0 }.joined(separator: ", ")
    }

    private mutating func readMCPServers(_ value: String) {
        let squashed = value.squashed
        if squashed.contains("connected"), squashed.contains("failed"), value.first?.isNumber == true {
            report.mcpSummary = value.components(separatedBy: " · ").first?.trimmed ?? value
            return
        }
        for item in value.components(separatedBy: ",") {
            var name = item.trimmed
            guard !name.isEmpty, name != "...", name != "…" else { continue }
            var state = "unknown"
            for (mark, meaning) in [("✔", "connected"), ("✘", "failed"), ("△", "needs_auth"), ("⚠", "warning")]
            where name.hasSuffix(mark) {
                state = meaning
                name = String(name.dropLast()).trimmed
            }
            report.mcpServers.append(.init(name: name, state: state))
        }
    }

    /// `Label: value` when the text before the first colon looks like a label (short, starts with a letter).
    private func labelled(_ line: CaptureLine) -> (label: String, value: String)? {
        guard let colon = line.text.firstIndex(of: ":") else { return nil }
        let label = String(line.text[..<colon]).trimmed
        let value = String(line.text[line.text.index(after: colon)...])
        guard let first = label.unicodeScalars.first, first.properties.isAlphabetic, label.count <= 40,
            label.count >= 2 || !value.hasPrefix("\\"),
            label.split(separator: " ").count <= 5,
            label.unicodeScalars.allSatisfy({
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || " ()'-./&".unicodeScalars.contains($0)
            })
        else { return nil }
        return (label, value.trimmed)
    }

    /// The dialog's tab header or footer: the panel's diagnostics section does not go on past it.
    private func isFooter(_ line: CaptureLine) -> Bool {
        let squashed = line.squashed
        return squashed.contains("esctocancel") || squashed.contains("esctoclose")
            || squashed.contains("pressentertocontinue") || squashed.contains("statusconfig")
    }

    private func isChrome(_ line: CaptureLine) -> Bool {
        let squashed = line.squashed
        return squashed.contains("statusconfig") || squashed.contains("esctocancel") || squashed.contains("esctoclose")
            || squashed.contains("pressentertocontinue") || squashed.contains("tabtocycle")
            || line.text.hasPrefix("❯") || line.text.hasPrefix("> /") || line.text.hasPrefix("⎿")
    }

    private static func glyph(of line: CaptureLine) -> Unicode.Scalar? {
        guard let first = line.text.unicodeScalars.first, ["⚠", "✔", "✓", "✘", "✗", "△"].contains(first) else {
            return nil
        }
        return first
    }

    /// The version after `marker`, e.g. `Claude Code Status v1.0.31` → `1.0.31`.
    private static func version(after marker: String, in text: String) -> String? {
        guard var rest = text.after(marker)?.trimmed else { return nil }
        if rest.lowercased().hasPrefix("status") { rest = String(rest.dropFirst(6)).trimmed }
        guard rest.hasPrefix("v") else { return nil }
        return versionNumber(String(rest.dropFirst()))
    }

    /// The leading version number of a value: `2.1.330default` (a half-redrawn row) → `2.1.330`.
    private static func versionNumber(_ text: String) -> String? {
        let digits = text.trimmed.prefix { $0.isNumber || $0 == "." }
        guard digits.contains("."), digits.first?.isNumber == true else { return nil }
        return String(digits.hasSuffix(".") ? digits.dropLast() : digits)
    }

    private static func emailAddress(_ text: String) -> String? {
        let token = text.split(separator: " ").first { $0.contains("@") }
        return token.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;()<>")) }
    }

    private static func modelID(in model: String) -> String? {
        if let open = model.lastIndex(of: "("), let close = model.lastIndex(of: ")"), open < close {
            let inner = model[model.index(after: open)..<close]
            if inner.contains("-"), !inner.contains(" ") { return String(inner) }
        }
        return !model.contains(" ") && model.contains("-") ? model : nil
    }
}
