/// One log of one directory (`usage.jsonl` of `~/.claude/pets/logs`) as one stream of samples: its rotated files
/// oldest first (`usage.jsonl.N` … `.1`), then the live file, read line by line.
///
/// Lines are nearly in time order: two processes appending at once may write neighbours the other way round. A small
/// window of the next `reorderWindow` samples, kept sorted by insertion (in-order lines only append), puts them
/// right without sorting anything larger; lines further out of place than that come out where they are.
final class LogStream: SampleStream {
    static let reorderWindow = 256

    private let files: [String]
    private var fileIndex = 0
    private var reader: LineReader?
    private var decoder: LogLineDecoder
    private let since: Double
    private let until: Double
    private var exhausted = false

    /// The window: samples and their times from `head` on, sorted by time (equal times keep file order).
    private var samples: [ReportSample?] = []
    private var times: [Double] = []
    private var head = 0

    private(set) var summary = ReadSummary()

    init(files: [String], log: LogName, label: String, since: Double?, until: Double?) {
        self.files = files
        decoder = LogLineDecoder(log: log, label: label)
        self.since = since ?? -.infinity
        self.until = until ?? .infinity
        samples.reserveCapacity(Self.reorderWindow * 2)
        times.reserveCapacity(Self.reorderWindow * 2)
    }

    /// The next sample in time order and its time, or nil when every file is read.
    func next() throws(ReportReadError) -> (sample: ReportSample, time: Double)? {
        while !exhausted, times.count - head < Self.reorderWindow {
            try readOne()
        }
        guard head < times.count, let sample = samples[head].take() else { return nil }  // moved out, not copied
        let time = times[head]
        head += 1
        if head >= Self.reorderWindow * 4 {  // drop what was handed out, now and then, not per sample
            samples.removeFirst(head)
            times.removeFirst(head)
            head = 0
        }
        return (sample, time)
    }

    /// Reads lines until one sample joins the window or the files are done.
    private func readOne() throws(ReportReadError) {
        while true {
            guard let reader = try currentReader() else {
                exhausted = true
                return
            }
            guard let line = try reader.next() else {
                self.reader = nil
                continue
            }
            guard case .text(let bytes) = line else {
                summary.skippedLines += 1
                continue
            }
            if Self.isBlank(bytes) { continue }
            guard let sample = decoder.decode(bytes) else {
                summary.skippedLines += 1
                continue
            }
            let time = decoder.time
            guard time >= since, time < until else { continue }
            summary.linesRead += 1
            insert(sample, at: time)
            return
        }
    }

    private func insert(_ sample: ReportSample, at time: Double) {
        samples.append(sample)
        times.append(time)
        var index = times.count - 1
        while index > head, times[index - 1] > time {
            times.swapAt(index - 1, index)
            samples.swapAt(index - 1, index)
            index -= 1
        }
    }

    /// The open file, opening the next one when the last is done; nil when none is left.
    private func currentReader() throws(ReportReadError) -> LineReader? {
        while reader == nil {
            guard fileIndex < files.count else { return nil }
            let path = files[fileIndex]
            fileIndex += 1
            reader = try LineReader(path: path)
            if reader != nil { summary.files += 1 }
        }
        return reader
    }

    /// Empty lines (and white space alone) are not records and not damage either: passed over, not counted.
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
