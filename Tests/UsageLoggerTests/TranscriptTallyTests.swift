import Foundation
import Testing

@testable import UsageLogger

@Suite("transcript token accounting", .timeLimit(.minutes(2)))
struct TranscriptTallyTests {
    typealias Line = TranscriptLines

    static func tally(_ lines: [String], countedThrough: Double? = nil) -> TranscriptTally {
        var tally = TranscriptTally(countedThrough: countedThrough)
        for line in lines {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { tally.add(line: UnsafeBufferPointer($0)) }
        }
        return tally
    }

    @Test("the real transcript from the fake API: one request of 12 input and 7 output tokens")
    func realTranscript() throws {
        var tally = TranscriptTally()
        try tally.read(path: Fixtures.path("hooks/transcript-2.1.330-fake-api.jsonl"))
        #expect(tally.requests == 1)
        #expect(tally.tokens == SessionTokens(input: 12, output: 7))
        #expect(tally.tokensByModel == ["claude-sonnet-5-5": SessionTokens(input: 12, output: 7)])
        #expect(tally.version == "2.1.330")
        #expect(tally.cwd == "/home/user/probe")
        #expect(tally.skippedLines == 0)
        #expect(tally.firstTime == Timestamp.date(iso8601: "2026-11-30T02:54:54.109Z")?.timeIntervalSince1970)
    }

    @Test("a response repeated on every content block counts once, with its largest output count")
    func repeatedBlocks() {
        let tally = Self.tally([
            Line.user(),
            Line.assistant(message: "m1", request: "r1", input: 100, output: 1, cacheRead: 5000, cacheCreation: 300),
            Line.assistant(message: "m1", request: "r1", input: 100, output: 40, cacheRead: 5000, cacheCreation: 300),
            Line.assistant(message: "m1", request: "r1", input: 100, output: 250, cacheRead: 5000, cacheCreation: 300),
            Line.assistant(message: "m2", request: "r2", input: 3, output: 9),
            Line.assistant(message: "m2", request: "r2", input: 3, output: 9),
            Line.failed,
        ])
        #expect(tally.requests == 2)
        #expect(tally.tokens == SessionTokens(input: 103, output: 259, cacheRead: 5000, cacheCreation: 300))
        #expect(tally.tokens.total == 5662)
    }

    @Test("keys: message id + request id; message id alone without a request id; neither counts each line")
    func keys() {
        let tally = Self.tally([
            Line.assistant(message: "m1", request: "r1"), Line.assistant(message: "m1", request: "r2"),
            Line.assistant(message: "m3", request: nil), Line.assistant(message: "m3", request: nil),
            Line.assistant(message: nil, request: nil), Line.assistant(message: nil, request: nil),
        ])
        #expect(tally.requests == 5)
        #expect(tally.tokens == SessionTokens(input: 60, output: 35))
    }

    @Test("sidechain (subagent) responses count, per model")
    func sidechains() {
        let tally = Self.tally([
            Line.assistant(message: "m1", request: "r1", model: "claude-opus-5", input: 10, output: 20),
            Line.assistant(message: "a1", request: "q1", model: "claude-haiku-5", input: 1, output: 2, sidechain: true),
            Line.assistant(message: "a1", request: "q1", model: "claude-haiku-5", input: 1, output: 2, sidechain: true),
        ])
        #expect(tally.requests == 2)
        #expect(tally.tokensByModel["claude-haiku-5"] == SessionTokens(input: 1, output: 2))
        #expect(tally.tokensByModel["claude-opus-5"] == SessionTokens(input: 10, output: 20))
    }

    @Test("after a resume: history up to the mark is recognised but not counted, new responses are")
    func resume() {
        let mark = Timestamp.date(iso8601: "2026-11-30T03:00:00.000Z")!.timeIntervalSince1970
        let tally = Self.tally(
            [
                Line.assistant(message: "m1", request: "r1", input: 50, time: "2026-11-30T02:50:00.000Z"),
                Line.assistant(message: "m2", request: "r2", input: 60, time: "2026-11-30T02:55:00.000Z"),
                // A later block of an old response (a copy) must not count as new either.
                Line.assistant(message: "m2", request: "r2", input: 60, time: "2026-11-30T03:05:00.000Z"),
                Line.assistant(message: "m3", request: "r3", input: 70, time: "2026-11-30T03:10:00.000Z"),
            ], countedThrough: mark)
        #expect(tally.requests == 1)
        #expect(tally.tokens == SessionTokens(input: 70, output: 7))
        #expect(tally.firstTime == Timestamp.date(iso8601: "2026-11-30T03:05:00.000Z")?.timeIntervalSince1970)
    }

    @Test("lines that are not JSON, torn lines and odd values are passed over")
    func brokenLines() {
        let tally = Self.tally([
            "not json", #"{"message":{"id":"m","usage":{"input_tokens":5"#, "", "[1,2]",
            #"{"message":{"id":"n","model":"m","usage":{"input_tokens":-4,"output_tokens":1.5,"cache_read_input_tokens":"9"}}}"#,
            #"{"message":"text","timestamp":42}"#,
        ])
        #expect(tally.requests == 1)
        #expect(tally.tokens == SessionTokens())
        #expect(tally.skippedLines == 2)
    }

    @Test("a 100 MB transcript is counted exactly")
    func hundredMegabytes() throws {
        try withTemporaryDirectory { directory in
            let path = directory.path + "/big.jsonl"
            let (expected, requests) = try TranscriptFile.write(to: path, megabytes: 100)
            var tally = TranscriptTally()
            try tally.read(path: path)
            #expect(tally.requests == requests)
            #expect(tally.tokens == expected)
        }
    }
}

/// A generated transcript of a given size: each response written as three content blocks with padding, a user
/// line between responses, every tenth response a sidechain.
enum TranscriptFile {
    static func write(to path: String, megabytes: Int) throws -> (SessionTokens, Int) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let padding = String(repeating: "lorem ipsum dolor sit amet ", count: 30)
        var total = SessionTokens()
        var requests = 0
        var written = 0
        var chunk = ""
        while written < megabytes * 1_000_000 {
            let number = requests
            let usage = SessionTokens(
                input: number % 97, output: 100 + number % 13, cacheRead: 20_000 + number, cacheCreation: number % 7)
            let second = 10 + number % 50
            let time = "2026-11-30T0\(number % 10):\(second):\(second).123Z"
            for block in 0..<3 {
                chunk += TranscriptLines.assistant(
                    message: "msg_\(number)", request: "req_\(number)", input: usage.input,
                    output: block == 2 ? usage.output : 1, cacheRead: usage.cacheRead,
                    cacheCreation: usage.cacheCreation, time: time, sidechain: number % 10 == 0, text: padding)
                chunk += "\n"
            }
            chunk += TranscriptLines.user(text: padding) + "\n"
            total = total + usage
            requests += 1
            if chunk.utf8.count > 1 << 20 {
                written += chunk.utf8.count
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        return (total, requests)
    }
}
