import Foundation

/// One rendered row prepared for parsing: its indentation, its text without decoration, and a squashed form
/// (lower case, letters and digits only) for matching labels in captures that lost their spaces.
struct CaptureLine: Equatable {
    let indent: Int
    let text: String
    /// Whether the row began with a 1.x tree corner (`L `, `└ `, `⎿ `).
    let hasTreeMark: Bool
    /// Lower-cased letters and digits only: `Login Method` and `Loginmethod` both become `loginmethod`.
    let squashed: String

    init(_ raw: String) {
        var scalars = Substring(raw).unicodeScalars[...]
        // Borders of the 1.0.x welcome box and similar frames.
        while let first = scalars.first, CaptureLine.borders.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, CaptureLine.borders.contains(last) || last == " " {
            scalars = scalars.dropLast()
        }
        // Leading blanks, and replacement characters left by invalid bytes before the text.
        let content = scalars.drop { $0 == " " || $0 == "\u{A0}" || $0 == "\u{FFFD}" }
        indent = scalars.count - content.count
        var text = String(String.UnicodeScalarView(content))
        var hasTreeMark = false
        for mark in ["L ", "└ ", "⎿ "] where text.hasPrefix(mark) {
            text = String(text.dropFirst(mark.count)).trimmingLeadingSpaces()
            hasTreeMark = true
        }
        self.text = text
        self.hasTreeMark = hasTreeMark
        squashed = text.squashed
    }

    var isBlank: Bool { text.isEmpty }

    /// A row made only of rules and box corners, or a block-art banner row.
    var isDecoration: Bool {
        text.unicodeScalars.allSatisfy { CaptureLine.decoration.contains($0) || $0 == " " }
    }

    /// Starts with a block element (`▐▛███▜▌` banner art, `▎` notice bars): never a dialog row.
    var startsWithBlockArt: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return (0x2580...0x259F).contains(first.value)
    }

    static let borders: Set<Unicode.Scalar> = ["│", "┃", "║"]
    static let decoration: Set<Unicode.Scalar> = [
        "─", "━", "═", "╭", "╮", "╰", "╯", "│", "┃", "║", "┌", "┐", "└", "┘", "▔", "▁", "╌", "┄",
    ]
}

extension String {
    /// Lower-cased letters and digits only.
    var squashed: String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    result.append(scalar)
                } else if (0x41...0x5A).contains(value), let lower = Unicode.Scalar(value + 0x20) {
                    result.append(lower)
                }
            } else if scalar.properties.isAlphabetic {
                result.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(result)
    }

    func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " })
    }

    /// Leading and trailing spaces and tabs removed.
    var trimmed: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        var view = Substring(String(String.UnicodeScalarView(scalars))).unicodeScalars[...]
        while let last = view.last, last == " " || last == "\t" || last == "\u{A0}" { view = view.dropLast() }
        return String(String.UnicodeScalarView(view))
    }

    /// Runs of spaces folded to one.
    var collapsingSpaces: String {
        split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The text after the first case-insensitive occurrence of `marker`, if any.
    func after(_ marker: String) -> String? {
        guard let range = range(of: marker, options: .caseInsensitive) else { return nil }
        return String(self[range.upperBound...])
    }

    func containsCaseInsensitive(_ other: String) -> Bool {
        range(of: other, options: .caseInsensitive) != nil
    }
}
