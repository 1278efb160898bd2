import Foundation
import Testing

@testable import UsageLogger

/// What Claude Code sends in its statusLine JSON is printed on the user's terminal: a value that carries control
/// characters or escape sequences must not reach it (a title change, a cleared screen, a hyperlink, a reordered
/// line). Only the statusline's own colours are printed as escapes.
@Suite("statusline terminal injection", .serialized, .timeLimit(.minutes(1)))
struct StatuslineInjectionTests {
    /// Every field the statusline prints, each with a different kind of hostile sequence.
    static let input = #"""
        {"session_id":"\u001b[2Jab\u0007cd1234","cwd":"/work/x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\",
        "model":{"display_name":"Opus\u001b]0;pwned\u0007\u001b[2J\r\nevil\u009b31m\u009d0;t\u009c"},
        "version":"2.1\u202e0\u001bP+q\u001b\\\u001b(B\u007f\u0085","context_window":{"used_percentage":97},
        "rate_limits":{"five_hour":{"used_percentage":81}}}
        """#
    static let format = "{model} | {version} | {session} | {cwd} | {context} | {five_hour}"

    @Test("control characters and escape sequences in every printed value are removed")
    func stripped() {
        let result = runCLI(
            ["statusline"], environment: ["PET_STATUSLINE_FORMAT": Self.format, "NO_COLOR": "1"],
            input: Array(Self.input.utf8))
        #expect(result.code == .success)
        #expect(result.output.standardOutput == "Opusevil | 2.10 | abcd1234 | xlink | 97% | 81%\n")
    }

    @Test("with colour on, the only escapes printed are the statusline's own colours")
    func ownColoursOnly() {
        let output = runCLI(
            ["statusline"], environment: ["PET_STATUSLINE_FORMAT": Self.format], input: Array(Self.input.utf8)
        ).output.standardOutput
        let withoutOwn = ["\u{1B}[31m", "\u{1B}[33m", "\u{1B}[0m"].reduce(output) {
            $0.replacingOccurrences(of: $1, with: "")
        }
        #expect(withoutOwn == "Opusevil | 2.10 | abcd1234 | xlink | 97% | 81%\n")
        #expect(output.contains("\u{1B}[31m97%\u{1B}[0m"))
    }

    @Test(
        "printable text keeps every ordinary character and drops every control",
        arguments: [
            ("plain ü 例 ✔ 🙂", "plain ü 例 ✔ 🙂"), ("a\u{1B}[1;31mb\u{1B}[0m", "ab"), ("a\u{1B}]0;t\u{1B}\\b", "ab"),
            ("a\u{1B}]0;unterminated", "a"), ("a\u{1B}", "a"), ("a\u{1B}7b\u{1B}8", "ab"), ("a\u{9B}2Jb", "ab"),
            ("a\u{0}\u{8}\u{7F}\u{85}b", "ab"), ("a\u{200F}\u{2066}b\u{2069}", "ab"), ("a\tb", "ab"),
        ])
    func printable(text: String, expected: String) {
        #expect(TerminalText.printable(text) == expected)
    }
}
