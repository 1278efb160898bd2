import Foundation
import UsageLogger

/// A million small terminal programs with extreme control-sequence parameters, rendered one after another on
/// screens of 2 to 7 rows and columns: the emulator must survive every one. Returns inputs per second.
enum ControlSequenceStorm {
    static func run(inputs: Int) -> Double {
        var state: UInt64 = 0x1234_5678
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let finals = Array("ABCDEFGHJKLMPSTXdefr`@asun".utf8)
        let text: [[UInt8]] = ["漢", "😀", "x", "\r", "\n", "\t", "\u{1B}7", "\u{1B}8", "\u{1B}M", "\u{1B}[?1049h"].map {
            Array($0.utf8)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        var bytes: [UInt8] = []
        for _ in 0..<inputs {
            let (rows, columns) = (2 + next(6), 2 + next(6))
            let extremes = [0, 1, rows, rows + 1, columns + 1, 99_999]
            bytes.removeAll(keepingCapacity: true)
            for _ in 0..<20 {
                if next(3) == 0 {
                    bytes += text[next(text.count)]
                } else {
                    bytes += Array("\u{1B}[\(extremes[next(extremes.count)]);\(extremes[next(extremes.count)])".utf8)
                    bytes.append(finals[next(finals.count)])
                }
            }
            var screen = VirtualScreen(rows: rows, columns: columns)
            screen.feed(bytes)
            _ = screen.frames()
        }
        return Double(inputs) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
}
