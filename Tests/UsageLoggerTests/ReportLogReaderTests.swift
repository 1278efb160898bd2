import Foundation
import Testing

@testable import UsageLogger

@Suite("report log reader")
struct ReportLogReaderTests {
    /// 2026-03-01T00:00:00Z.
    static let base = 1_772_323_200.0

    static func usageLine(minute: Int, percent: Int = 10, name: String = "Current session") -> String {
        let time = Timestamp.string(from: Date(timeIntervalSince1970: base + Double(minute) * 60))
        return #"{"timestamp":"\#(time)","session_id":"s","usage_data":{"source":"command","state":"ok","windows":"#
            + #"[{"name":"\#(name)","used_percent":\#(percent),"resets_at":"2026-03-01T05:00:00.000Z"}]}}"#
    }

    static func read(_ reader: ReportLogReader) throws -> ([ReportSample], ReadSummary) {
        var samples: [ReportSample] = []
        let summary = try reader.read { samples.append($0) }
        return (samples, summary)
    }

    static func minutes(_ samples: [ReportSample]) -> [Int] {
        samples.map { Int((($0.time - base) / 60).rounded()) }
    }

    @Test("rotated files are read oldest first (.2, .1, then the live file), every line once, in time order")
    func rotationBoundaries() throws {
        try withTemporaryDirectory { dir in
            dir.write("usage.jsonl.2", (0..<3).map { Self.usageLine(minute: $0) + "\n" }.joined())
            dir.write("usage.jsonl.1", (3..<6).map { Self.usageLine(minute: $0) + "\n" }.joined())
            dir.write("usage.jsonl", (6..<8).map { Self.usageLine(minute: $0) + "\n" }.joined())
            dir.write("usage.jsonl.01", Self.usageLine(minute: 99) + "\n")  // not a name LogWriter writes
            let (samples, summary) = try Self.read(ReportLogReader(sources: [LogSource(path: dir.path)]))
            #expect(Self.minutes(samples) == Array(0..<8))
            #expect(summary == ReadSummary(linesRead: 8, skippedLines: 0, files: 3))
        }
    }

    @Test("two directories are merged in time order, each sample carrying its directory's label")
    func twoDirectories() throws {
        try withTemporaryDirectory { dir in
            let laptop = dir.subdirectory("laptop")
            let desktop = dir.subdirectory("desktop")
            laptop.write("usage.jsonl", [0, 2, 4].map { Self.usageLine(minute: $0) + "\n" }.joined())
            desktop.write("usage.jsonl.1", Self.usageLine(minute: 1) + "\n")
            desktop.write("usage.jsonl", [3, 5].map { Self.usageLine(minute: $0) + "\n" }.joined())
            desktop.write(
                "status.jsonl",
                #"{"timestamp":"2026-03-01T00:03:30.000Z","email":"a@example.com","version":"2.1.330","model":"m"}"#
                    + "\n")
            let reader = ReportLogReader(sources: [
                LogSource(label: "laptop", path: laptop.path), LogSource(label: "desktop", path: desktop.path),
            ])
            let (samples, summary) = try Self.read(reader)
            #expect(samples.map(\.time) == samples.map(\.time).sorted())
            let labels = samples.map { sample -> String in
                switch sample {
                case .usage(let reading): reading.label
                case .status(let reading): "status:" + reading.label
                case .diagnostic(let reading): reading.label
                }
            }
            #expect(labels == ["laptop", "desktop", "laptop", "desktop", "status:desktop", "laptop", "desktop"])
            #expect(summary.linesRead == 7)
            #expect(summary.files == 4)
            guard case .status(let status) = samples[4] else { return }
            #expect(status.account == "a@example.com" && status.version == "2.1.330" && !status.failed)
        }
    }

    @Test("a torn last line and invalid lines are skipped and counted; blank lines are neither")
    func tornAndInvalid() throws {
        try withTemporaryDirectory { dir in
            let torn = String(Self.usageLine(minute: 3).prefix(40))
            dir.write(
                "usage.jsonl",
                [
                    Self.usageLine(minute: 0), "not json", "", #"{"usage_data":{}}"#, #"{"timestamp":"yesterday"}"#,
                    Self.usageLine(minute: 1), "[1,2]", #"{"timestamp":"2026-03-01T00:02:00Z"}"#,
                    Self.usageLine(minute: 2), torn,
                ].joined(separator: "\n"))
            dir.write(
                "diagnostics.jsonl",
                #"{"timestamp":"2026-03-01T00:00:30.000Z","diagnostic_type":"path","severity":"warning","message":"m","details":{"event":"appeared"}}"#
                    + "\n" + #"{"timestamp":"2026-03-01T00:00:40.000Z","diagnostic_type":"path","details":{}}"# + "\n")
            let (samples, summary) = try Self.read(ReportLogReader(sources: [LogSource(path: dir.path)]))
            #expect(samples.count == 4)
            #expect(summary.skippedLines == 7)
            #expect(summary.linesRead == 4)
            guard case .diagnostic(let diagnostic) = samples[1] else {
                Issue.record("expected the diagnostic second")
                return
            }
            #expect(diagnostic.event == .appeared && diagnostic.type == "path" && diagnostic.severity == "warning")
        }
    }

    @Test("a whole last line without its newline is read, not counted as torn")
    func lastLineWithoutNewline() throws {
        try withTemporaryDirectory { dir in
            dir.write("usage.jsonl", Self.usageLine(minute: 0) + "\n" + Self.usageLine(minute: 1))
            let (samples, summary) = try Self.read(ReportLogReader(sources: [LogSource(path: dir.path)]))
            #expect(Self.minutes(samples) == [0, 1])
            #expect(summary.skippedLines == 0)
        }
    }

    @Test("since is inclusive, until exclusive, and lines outside are not counted as read")
    func sinceUntil() throws {
        try withTemporaryDirectory { dir in
            dir.write("usage.jsonl.1", (0..<5).map { Self.usageLine(minute: $0) + "\n" }.joined())
            dir.write("usage.jsonl", (5..<10).map { Self.usageLine(minute: $0) + "\n" }.joined())
            let reader = ReportLogReader(
                sources: [LogSource(path: dir.path)], since: Self.base + 3 * 60, until: Self.base + 7 * 60)
            let (samples, summary) = try Self.read(reader)
            #expect(Self.minutes(samples) == [3, 4, 5, 6])
            #expect(summary.linesRead == 4)
        }
    }

    @Test("only the logs asked for are read")
    func chosenLogs() throws {
        try withTemporaryDirectory { dir in
            dir.write("usage.jsonl", Self.usageLine(minute: 0) + "\n")
            dir.write("status.jsonl", #"{"timestamp":"2026-03-01T00:00:30.000Z","version":"2.1.330"}"# + "\n")
            let reader = ReportLogReader(sources: [LogSource(path: dir.path)], logs: [.status])
            let (samples, summary) = try Self.read(reader)
            #expect(samples.count == 1)
            #expect(summary.files == 1)
        }
    }

    @Test("a missing directory is its own error; a file in its place is unreadable")
    func missingDirectory() throws {
        try withTemporaryDirectory { dir in
            let missing = dir.path + "/nope"
            #expect(throws: ReportReadError.missingDirectory(missing)) {
                try ReportLogReader(sources: [LogSource(path: missing)]).read { _ in }
            }
            let file = dir.write("file", "x")
            do {
                _ = try ReportLogReader(sources: [LogSource(path: file)]).read { _ in }
                Issue.record("a file was read as a directory")
            } catch {
                #expect("\(error)".contains("not a directory"))
            }
            // An empty directory is no error: nothing to read.
            let (samples, summary) = try Self.read(
                ReportLogReader(sources: [LogSource(path: dir.subdirectory("e").path)]))
            #expect(samples.isEmpty && summary == ReadSummary())
        }
    }

    @Test("neighbours written out of order (two writers at once) come out in time order, also across a rotation")
    func slightlyOutOfOrder() throws {
        try withTemporaryDirectory { dir in
            dir.write("usage.jsonl.1", [0, 2, 1, 3, 5].map { Self.usageLine(minute: $0) + "\n" }.joined())
            dir.write("usage.jsonl", [4, 6, 8, 7, 9].map { Self.usageLine(minute: $0) + "\n" }.joined())
            let (samples, _) = try Self.read(ReportLogReader(sources: [LogSource(path: dir.path)]))
            #expect(Self.minutes(samples) == Array(0..<10))
        }
    }

    @Test("escapes in strings are decoded: window names, messages, surrogate pairs")
    func escapes() throws {
        try withTemporaryDirectory { dir in
            dir.write(
                "usage.jsonl",
                #"{"timestamp":"2026-03-01T00:00:00.000Z","usage_data":{"source":"comm\u0061nd","windows":[{"name":"Current week (\"Opus\") \ud83d\ude00 \u00e9\/","used_percent":50}]}}"#
                    + "\n")
            dir.write(
                "diagnostics.jsonl",
                #"{"timestamp":"2026-03-01T00:01:00.000Z","diagnostic_type":"path","severity":"warning","message":"line\none \"two\"\ttab \\ end","details":{"event":"resolved"}}"#
                    + "\n")
            let (samples, _) = try Self.read(ReportLogReader(sources: [LogSource(path: dir.path)]))
            guard samples.count == 2, case .usage(let usage) = samples[0], case .diagnostic(let diagnostic) = samples[1]
            else {
                Issue.record("expected a usage and a diagnostic sample, got \(samples)")
                return
            }
            #expect(usage.source == "command")
            #expect(usage.windows.first?.name == "Current week (\"Opus\") 😀 é/")
            #expect(usage.windows.first?.usedPercent == 50)
            #expect(diagnostic.message == "line\none \"two\"\ttab \\ end")
            #expect(diagnostic.event == .resolved)
        }
    }

    @Test("a line longer than the read buffer is read whole; one beyond the line limit is skipped")
    func longLines() throws {
        try withTemporaryDirectory { dir in
            let raw = String(repeating: "x", count: LineReader.bufferSize + 1000)
            let long =
                #"{"timestamp":"2026-03-01T00:00:00.000Z","usage_data":{"source":"command"},"raw":"\#(raw)"}"#
            let huge = String(repeating: "y", count: LineReader.maximumLineLength + 10)
            dir.write(
                "usage.jsonl",
                [long, Self.usageLine(minute: 1), huge, Self.usageLine(minute: 2), huge].joined(separator: "\n"))
            let (samples, summary) = try Self.read(ReportLogReader(sources: [LogSource(path: dir.path)]))
            #expect(Self.minutes(samples) == [0, 1, 2])
            #expect(summary.skippedLines == 2)
        }
    }
}
