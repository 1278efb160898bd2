/// Colours and characters for the terminal view: ANSI colours only on a terminal without `NO_COLOR`; Unicode
/// blocks unless the locale is not UTF-8, then ASCII.
struct TerminalStyle {
    var color: Bool
    var unicode: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func green(_ text: String) -> String { wrap(text, "32") }

    /// `≥80`, or `>=80` in ASCII (so that columns are padded for what is shown).
    func atLeast(_ text: String) -> String { (unicode ? "≥" : ">=") + text }

    /// A percentage coloured as the statusline does: yellow from 80, red from 95.
    func level(_ text: String, percent: Double) -> String {
        percent >= 95 ? red(text) : percent >= 80 ? yellow(text) : text
    }

    private func wrap(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A bar `width` cells long filled to `percent` (0–100, more is shown full): eighth blocks, or `#` and `.`.
    func bar(_ percent: Double, width: Int) -> String {
        let filled = min(max(percent, 0), 100) / 100 * Double(width)
        if !unicode {
            let full = Int(filled.rounded())
            return String(repeating: "#", count: full) + String(repeating: ".", count: width - full)
        }
        let eighths = Int((filled * 8).rounded())
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
        let used = eighths / 8 + (eighths % 8 == 0 ? 0 : 1)
        bar += String(repeating: "·", count: max(0, width - used))
        return bar
    }

    /// One character per value (0–100): `▁▂▃▄▅▆▇█`, or ` .:-=+*#` in ASCII; a missing value is a space.
    func sparkline(_ values: [Double?]) -> String {
        let levels = unicode ? Array("▁▂▃▄▅▆▇█") : Array(" .:-=+*#")
        return String(
            values.map { value -> Character in
                guard let value else { return " " }
                let index = Int((min(max(value, 0), 100) / 100 * Double(levels.count - 1)).rounded())
                return levels[index]
            })
    }
}
