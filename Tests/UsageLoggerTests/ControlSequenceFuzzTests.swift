import Testing

@testable import UsageLogger

/// Control sequences with extreme parameters (counts far beyond the screen, zero, margins at the edges, wide
/// characters in the last column) on screens of every small size: the emulator must never trap, and what it
/// renders must fit the screen. Fixed seeds, so a failure reproduces; the benchmark runs a million of them.
@Suite("Control sequence fuzzing")
struct ControlSequenceFuzzTests {
    @Test("counts larger than the screen scroll, insert and delete without crashing", arguments: ["T", "L", "S", "M"])
    func hugeCounts(final: String) {
        for count in [0, 1, 49, 50, 51, 200, 99_999] {
            for row in [1, 25, 50] {
                var screen = VirtualScreen()
                screen.feed(Array("line one\r\nline two\u{1B}[\(row);1H\u{1B}[\(count)\(final)after".utf8))
                #expect(screen.visibleLines().count == VirtualScreen.defaultRows)
            }
        }
    }

    @Test("a scroll region at the edges with huge counts renders within the screen")
    func marginsAndCounts() {
        var screen = VirtualScreen(rows: 3, columns: 4)
        screen.feed(Array("abcd\u{1B}[2;3r\u{1B}[99999T\u{1B}[99999L\u{1B}[3;1H\u{1B}[99999S漢字漢\u{1B}[99999@x".utf8))
        #expect(screen.visibleLines().allSatisfy { $0.unicodeScalars.count <= 4 })
    }

    @Test("random control sequences with extreme parameters never crash the emulator", arguments: 0..<8)
    func random(batch: Int) {
        var random = SplitMix64(seed: UInt64(batch) &* 0x2545_F491_4F6C_DD1D &+ 7)
        for _ in 0..<2_000 {
            let rows = 2 + random.next(6)
            let columns = 2 + random.next(6)
            var screen = VirtualScreen(rows: rows, columns: columns)
            screen.feed(Self.sequences(&random, rows: rows, columns: columns, count: 40))
            let frames = screen.frames()
            #expect(frames.count <= VirtualScreen.maximumSnapshots + 1)
            #expect(screen.visibleLines().allSatisfy { $0.unicodeScalars.count <= columns })
        }
    }

    static let finals = Array("ABCDEFGHJKLMPSTXdefr`@asun".utf8)
    static let pieces: [[UInt8]] = [
        "漢", "😀", "é", "x", "\r", "\n", "\t", "\u{08}", "\u{1B}7", "\u{1B}8", "\u{1B}D", "\u{1B}E", "\u{1B}M",
        "\u{1B}c", "\u{1B}[?1049h", "\u{1B}[?1049l", "\u{1B}[?47h", "\u{1B}[?47l",
    ].map { Array($0.utf8) }

    /// `count` random pieces: control sequences with parameters at and beyond the screen's edges, wide and narrow
    /// characters, control characters.
    static func sequences(_ random: inout SplitMix64, rows: Int, columns: Int, count: Int) -> [UInt8] {
        let extremes = [0, 1, 2, rows - 1, rows, rows + 1, columns, columns + 1, 99_999]
        var bytes: [UInt8] = []
        for _ in 0..<count {
            if random.next(3) == 0 {
                bytes += pieces[random.next(pieces.count)]
                continue
            }
            let parameters = (0..<random.next(4)).map { _ in
                random.next(4) == 0 ? String(random.next(1_000)) : String(extremes[random.next(extremes.count)])
            }
            bytes += Array(("\u{1B}[" + parameters.joined(separator: ";")).utf8)
            bytes.append(finals[random.next(finals.count)])
        }
        return bytes
    }
}
