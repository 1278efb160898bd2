/// Text from outside made safe to print on a terminal: every value the statusline shows comes from Claude Code's
/// JSON, and a control character or escape sequence in it would act on the user's terminal (retitle it, clear it,
/// plant a hyperlink, reorder the line). Whole ECMA-48 sequences are removed, not only their first byte, so
/// nothing of them shows either.
enum TerminalText {
    private static let escape: Unicode.Scalar = "\u{1B}"

    /// `text` without C0 and C1 controls, DEL, escape sequences (CSI, OSC, DCS, SOS, PM, APC, and the short
    /// ones, in their 7-bit and 8-bit forms) and the invisible marks that reorder bidirectional text.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRemoved) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == escape {
                index = afterEscape(scalars, at: index + 1)
            } else if let kind = IntroducerKind(c1: scalar) {
                index = afterBody(scalars, kind: kind, from: index + 1)
            } else {
                if !isRemoved(scalar) { output.append(scalar) }
                index += 1
            }
        }
        return String(output)
    }

    /// What an introducer starts: a control sequence (parameters and a final byte) or a control string (ended by
    /// the string terminator; OSC also by BEL).
    private enum IntroducerKind {
        case controlSequence, controlString, operatingSystemCommand

        /// The 8-bit introducers: CSI, OSC, and DCS, SOS, PM, APC.
        init?(c1 scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x9B: self = .controlSequence
            case 0x9D: self = .operatingSystemCommand
            case 0x90, 0x98, 0x9E, 0x9F: self = .controlString
            default: return nil
            }
        }

        /// The 7-bit forms: ESC [, ESC ], and ESC P, X, ^, _.
        init?(afterEscape scalar: Unicode.Scalar) {
            switch scalar {
            case "[": self = .controlSequence
            case "]": self = .operatingSystemCommand
            case "P", "X", "^", "_": self = .controlString
            default: return nil
            }
        }
    }

    /// Where the sequence whose ESC is just before `index` ends.
    private static func afterEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Int {
        guard index < scalars.count else { return index }
        if let kind = IntroducerKind(afterEscape: scalars[index]) {
            return afterBody(scalars, kind: kind, from: index + 1)
        }
        // ESC, intermediate bytes (0x20–0x2F), one final byte (0x30–0x7E): `ESC 7`, `ESC ( B`.
        var end = index
        while end < scalars.count, (0x20...0x2F).contains(scalars[end].value) { end += 1 }
        return end < scalars.count && (0x30...0x7E).contains(scalars[end].value) ? end + 1 : end
    }

    /// Where the body of a sequence starting at `start` ends; an unterminated one runs to the end of the text.
    private static func afterBody(_ scalars: [Unicode.Scalar], kind: IntroducerKind, from start: Int) -> Int {
        var index = start
        switch kind {
        case .controlSequence:
            // Parameter and intermediate bytes (0x20–0x3F), then a final byte (0x40–0x7E).
            while index < scalars.count, (0x20...0x3F).contains(scalars[index].value) { index += 1 }
            return index < scalars.count && (0x40...0x7E).contains(scalars[index].value) ? index + 1 : index
        case .controlString, .operatingSystemCommand:
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar.value == 0x9C { return index + 1 }  // ST
                if scalar == escape, index + 1 < scalars.count, scalars[index + 1] == "\\" { return index + 2 }
                if kind == .operatingSystemCommand, scalar.value == 0x07 { return index + 1 }  // BEL
                index += 1
            }
            return index
        }
    }

    /// Controls (C0, DEL, C1) and the bidirectional marks, embeddings, overrides and isolates.
    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
