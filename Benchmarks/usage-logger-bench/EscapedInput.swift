import Foundation
import UsageLogger

/// A statusLine input at the 1 MiB input cap made almost entirely of `\u` escapes (a model name of 170,000
/// `\u00e9`, with surrogate pairs among them): string unescaping must stay linear and cheap per escape.
enum EscapedInput {
    static let bytes = 1 << 20

    static func document() -> [UInt8] {
        let head = #"{"model":{"display_name":""#
        let tail = #""},"context_window":{"used_percentage":12}}"#
        var body = ""
        var index = 0
        while head.utf8.count + body.utf8.count + tail.utf8.count + 12 <= bytes {
            body += index % 16 == 15 ? #"\ud83d\ude00"# : #"\u00e9"#
            index += 1
        }
        return Array((head + body + tail).utf8)
    }

    /// Median milliseconds of one in-process parse of `document()`.
    static func parseMilliseconds(runs: Int) -> Double {
        let input = document()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try? JSONParser.parse(input)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }
}
