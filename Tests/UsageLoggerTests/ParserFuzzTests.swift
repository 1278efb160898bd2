import Foundation
import Testing

@testable import UsageLogger

/// Feeds 100,000 random and mutated captures to the parsers: nothing that comes from outside may crash them.
/// The cases run as parallel batches with fixed seeds, so a failure is reproducible.
@Suite("Parser fuzzing")
struct ParserFuzzTests {
    static let batches = 0..<10
    static let capturesPerBatch = 10_000
    static let seeds = [
        "status-1.0.31.txt", "status-1.0.55.txt", "status-2.1.3.txt", "status-2.1.55.txt", "status-2.1.330-screen.txt",
        "status-2.1.330-pty.raw", "usage-2.1.55.txt", "usage-2025-12-extra.txt", "usage-error-expired.txt",
        "usage-2.1.330-api-pty.raw", "trust-prompt-2.1.330-pty.raw",
    ].map(Fixtures.bytes)

    @Test("random and mutated captures never crash the parsers", arguments: batches)
    func fuzz(batch: Int) {
        var random = SplitMix64(seed: UInt64(batch) &* 0x9E37_79B9 &+ 1)
        let now = Date(timeIntervalSince1970: 1_773_860_400)
        var parsedWindows = 0
        for index in 0..<Self.capturesPerBatch {
            let capture = Self.capture(&random)
            if index % 10 == 0 {
                // The whole path, bytes through the virtual screen, for one capture in ten.
                _ = StatusParser.parse(capture)
                parsedWindows += UsageParser.parse(capture, capturedAt: now).windows.count
            } else {
                let lines = String(decoding: capture, as: UTF8.self).split(
                    separator: "\n", omittingEmptySubsequences: false
                ).map(String.init)
                _ = StatusParser.parse(lines: lines)
                parsedWindows += UsageParser.parse(lines: lines, capturedAt: now).windows.count
                _ = ResetTime.resolve(String(decoding: capture.prefix(40), as: UTF8.self), capturedAt: now)
            }
        }
        #expect(parsedWindows >= 0)
    }

    /// A random capture: a mutated sample most of the time, sometimes pure noise.
    static func capture(_ random: inout SplitMix64) -> [UInt8] {
        if random.next(100) < 10 {
            return (0..<random.next(400)).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
        }
        var bytes = seeds[random.next(seeds.count)]
        if bytes.count > 1_500 {  // keep large captures cheap: a random window of them
            let start = random.next(bytes.count - 1_500)
            bytes = Array(bytes[start..<(start + 1_500)])
        }
        for _ in 0..<(1 + random.next(8)) { mutate(&bytes, &random) }
        return bytes
    }

    static let fragments: [[UInt8]] = [
        "\u{1B}[", "\u{1B}[999;999H", "\u{1B}[2J", "\u{1B}[K", "\u{1B}[?1049h", "\u{1B}[?1049l", "\u{1B}]0;", "\u{07}",
        "\u{1B}[6n", "\u{1B}[10L", "\u{1B}[5M", "\u{1B}[3;1r", "%", "% used", "Resets ", "(", ")", ":", "⚠ ", "L ",
        "Current week (", "Error: Failed to load usage data: {", "}", "\"type\":\"", "█▌", "\r", "\n", "\t", "\u{1B}",
        "Version:", "Usage by model:", "Mar 99 at 13pm (Nowhere/Zone)", "9999999999999999999% used",
    ].map { Array($0.utf8) }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : random.next(bytes.count)
        switch random.next(7) {
        case 0 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: random.next(256))
        case 1: bytes.insert(contentsOf: fragments[random.next(fragments.count)], at: position)
        case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + random.next(40)))
        case 3: bytes.removeAll { $0 == 0x20 && random.next(2) == 0 }
        case 4 where !bytes.isEmpty: bytes = Array(bytes[..<position])
        case 5 where !bytes.isEmpty:
            let end = min(bytes.count, position + random.next(200))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        default: bytes.append(contentsOf: fragments[random.next(fragments.count)])
        }
    }
}

/// A small, seedable random number generator, so fuzz failures reproduce.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<upperBound` (0 when the bound is 0).
    mutating func next(_ upperBound: Int) -> Int {
        upperBound <= 0 ? 0 : Int(next() % UInt64(upperBound))
    }
}
