import Foundation
import Testing

@testable import UsageLogger

@Suite("Virtual screen")
struct VirtualScreenTests {
    private func render(_ text: String, rows: Int = 10, columns: Int = 60) -> [String] {
        var screen = VirtualScreen(rows: rows, columns: columns)
        screen.feed(Array(text.utf8))
        return screen.frames().last ?? []
    }

    @Test("column moves between words render as spaces, not welded words")
    func columnMovesBecomeSpaces() {
        let lines = render("  \u{1B}[1mPeer\u{1B}[8Gaddress:\u{1B}[22m\u{1B}[27Guds:/tmp/x.sock\r\n")
        // `ESC[8G` is column 8 (one blank after "  Peer"), `ESC[27G` column 27.
        #expect(lines == ["  Peer address:" + String(repeating: " ", count: 11) + "uds:/tmp/x.sock"])
    }

    @Test("cursor-forward and absolute positioning place text where a terminal would")
    func cursorPositioning() {
        let lines = render("\u{1B}[2;5HB\u{1B}[1;1HA\u{1B}[3CC\u{1B}[2B\rD")
        #expect(lines == ["A   C", "    B", "D"])
    }

    @Test("overwritten text keeps the newest letters")
    func overwrite() {
        #expect(render("Gesticulating\rAuto") == ["Autoiculating"])
    }

    @Test("colours, private modes, OSC titles and hyperlinks leave no trace")
    func ignoredSequences() {
        let text =
            "\u{1B}]0;✳ Claude Code\u{07}\u{1B}[?25l\u{1B}[38;5;246mVersion:\u{1B}[39m 2.1\u{1B}]8;id=a;https://x\u{07}link\u{1B}]8;;\u{07}\u{1B}[>0q\u{1B}[?u\u{1B}(B"
        #expect(render(text) == ["Version: 2.1link"])
    }

    @Test("erasing drawn content first keeps a snapshot of it")
    func snapshotBeforeErase() {
        var screen = VirtualScreen(rows: 5, columns: 40)
        screen.feed(Array("\u{1B}[?1049hVersion: 2.1.330\r\n  ⚠ warning\u{1B}[H\u{1B}[K\r\n\u{1B}[K".utf8))
        let frames = screen.frames()
        #expect(frames.first == ["Version: 2.1.330", "  ⚠ warning"])
        #expect(frames.last == [])
    }

    @Test("leaving the alternate screen keeps what it showed and restores the main screen")
    func alternateScreen() {
        var screen = VirtualScreen(rows: 4, columns: 20)
        screen.feed(Array("main\u{1B}[?1049h\u{1B}[2J\u{1B}[Hdialog\u{1B}[?1049l".utf8))
        #expect(screen.frames() == [["dialog"], ["main"]])
    }

    @Test("wide characters take two cells and combining marks none")
    func characterWidths() {
        #expect(render("日本X\r\n⚠\u{FE0F}Y") == ["日本X", "⚠Y"])
    }

    @Test("UTF-8 split across reads decodes whole; invalid bytes become U+FFFD")
    func utf8Decoding() {
        var screen = VirtualScreen(rows: 3, columns: 20)
        let bytes = Array("⚠ ok".utf8)
        screen.feed(bytes[0..<2])
        screen.feed(bytes[2...])
        screen.feed([0x0D, 0x0A, 0xFF, 0x41, 0xE2, 0x82, 0x42])
        #expect(screen.visibleLines().prefix(2) == ["⚠ ok", "\u{FFFD}A\u{FFFD}B"])
    }

    @Test("a cursor-position query is answered with the cursor's place")
    func cursorPositionReport() {
        var screen = VirtualScreen(rows: 5, columns: 20)
        screen.feed(Array("ab\r\ncd\u{1B}[6n".utf8))
        #expect(screen.takeReplies() == [Array("\u{1B}[2;3R".utf8)])
        #expect(screen.takeReplies().isEmpty)
    }

    @Test("lines that scroll off the main screen stay in the final frame")
    func scrollback() {
        let lines = render((1...8).map { "line \($0)" }.joined(separator: "\n"), rows: 3)
        #expect(lines == (1...8).map { "line \($0)" })
    }

    @Test("long lines wrap at the right margin")
    func wrapping() {
        #expect(render("abcdefgh", columns: 5) == ["abcde", "fgh"])
    }

    @Test(
        "every plain-text sample renders to itself",
        arguments: [
            "status-1.0.31.txt", "status-1.0.55.txt", "status-2.1.3.txt", "status-2.1.55.txt",
            "status-2.1.330-screen.txt",
            "usage-2.1.55.txt", "usage-2025-12-extra.txt", "usage-error-expired.txt", "usage-2.1.330-api-screen.txt",
        ])
    func samplesPassThrough(name: String) {
        let expected = Fixtures.text(name).split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        let frames = VirtualScreen.frames(of: Fixtures.bytes(name))
        #expect(frames.count == 1)
        #expect(frames.last == Array(expected.reversed().drop { $0.isEmpty }.reversed()))
    }

    @Test("the real /status stream renders the dialog, with its words apart")
    func realStatusStream() {
        let frames = VirtualScreen.frames(of: Fixtures.bytes("status-2.1.330-pty.raw"))
        let dialog = frames.first { $0.contains { $0.hasPrefix("  ⚠") } } ?? []
        #expect(dialog.contains("  Peer address:           uds:/tmp/cc-socks/13092.sock"))
        #expect(dialog.contains("  Auth token:             none"))
        #expect(dialog.contains("  ⚠ Running native installation but config install method is 'not set'"))
    }
}
