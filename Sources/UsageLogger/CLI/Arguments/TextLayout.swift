/// Plain-text layout for help: words wrapped to a width, and two-column lists whose column is measured from
/// the terms, never aligned by hand (a hand-aligned row once ran into its text).
enum TextLayout {
    /// The widest line help prints.
    static let width = 110

    /// Joins two words so that `wrap` never breaks the line between them (an exit code and its meaning).
    static let glue: Character = "\u{00A0}"

    /// `text` broken between words into lines of at most `width` characters (a longer word keeps its own line);
    /// words joined by `glue` stay on one line.
    static func wrap(_ text: String, width: Int = width) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        return (lines + (line.isEmpty ? [] : [line])).map { String($0.map { $0 == glue ? " " : $0 }) }
    }

    /// Terms and their descriptions, the descriptions in one column just after the longest term that is at most
    /// `maximumTerm` long, wrapped within `width`; a longer term gets a line of its own. Ends with a newline.
    static func rows(_ rows: [(term: String, text: String)], indent: Int = 2, maximumTerm: Int = 28) -> String {
        let longest = rows.map(\.term.count).filter { $0 <= maximumTerm }.max() ?? maximumTerm
        let column = indent + longest + 2
        let margin = String(repeating: " ", count: column)
        var output = ""
        for row in rows {
            let term = String(repeating: " ", count: indent) + row.term
            var lines = wrap(row.text, width: max(width - column, 20))
            if term.count + 2 > column {
                output += term + "\n"
            } else if let first = lines.first {
                output += term.padding(toLength: column, withPad: " ", startingAt: 0) + first + "\n"
                lines.removeFirst()
            } else {
                output += term + "\n"
            }
            for line in lines { output += margin + line + "\n" }
        }
        return output
    }
}
