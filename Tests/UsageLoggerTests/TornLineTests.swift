import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A writer killed mid-append leaves a partial last line: the next append must not weld its record onto it.
@Suite("Torn last line", .serialized, .timeLimit(.minutes(2)))
struct TornLineTests {
    private func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test("a fragment left by a killed writer is cut back; the next record is a line of its own and parses")
    func cutsBackFragment() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.write("usage.jsonl", "{\"n\":1}\n{\"n\":2,\"pad\":\"xxxx")
            let writer = LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3)
            let report = try writer.append([#"{"n":3}"#], to: .usage)
            #expect(text(path) == "{\"n\":1}\n{\"n\":3}\n")
            #expect(report.repairedTail == .cutBack(bytes: 18))
        }
    }

    @Test("a whole record that only lacks its newline is kept and ended")
    func endsWholeRecord() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.write("usage.jsonl", "{\"n\":1}\n{\"n\":2}")
            let report = try LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3).append(
                [#"{"n":3}"#], to: .usage)
            #expect(text(path) == "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")
            #expect(report.repairedTail == .ended)
        }
    }

    @Test("a file with no newline at all and no record is cut back to empty")
    func cutsBackLoneFragment() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.write("usage.jsonl", "{\"big\":\"" + String(repeating: "y", count: 200_000))
            let report = try LogWriter(directory: directory.path, maxSize: 1 << 30, maxFiles: 3).append(
                [#"{"n":1}"#], to: .usage)
            #expect(text(path) == "{\"n\":1}\n")
            #expect(report.repairedTail == .cutBack(bytes: 200_008))
        }
    }

    @Test("a torn file due for rotation is repaired before it is rotated: no torn line stays in file.1")
    func repairsBeforeRotation() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.write("usage.jsonl", String(repeating: "{\"n\":0}\n", count: 20) + "{\"n\":1,")
            try LogWriter(directory: directory.path, maxSize: 100, maxFiles: 3).append([#"{"n":2}"#], to: .usage)
            #expect(text(path + ".1") == String(repeating: "{\"n\":0}\n", count: 20))
            #expect(text(path) == "{\"n\":2}\n")
        }
    }

    @Test("an intact file is left as it is and nothing is reported")
    func intactFile() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.write("usage.jsonl", "{\"n\":1}\n")
            let report = try LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3).append(
                ["{}"], to: .usage)
            #expect(report.repairedTail == nil)
            #expect(text(path) == "{\"n\":1}\n{}\n")
        }
    }

    @Test("`append` says that it cut back a partial line")
    func appendSaysSo() throws {
        try withTemporaryDirectory { directory throws in
            directory.write("logs/usage.jsonl", "{\"n\":1}\n{\"n\":")
            let (code, output) = runCLI(
                ["append", "usage"], environment: ["PET_LOG_DIR": directory.path + "/logs"], input: Array("{}\n".utf8))
            #expect(code == .success)
            #expect(output.standardError.contains("usage.jsonl ended in a partial line"))
            #expect(output.standardError.contains("cut back 5 bytes"))
        }
    }

    @Test("doctor skips a torn line when it looks for the last record, and counts it")
    func readerSkipsAndCounts() throws {
        try withTemporaryDirectory { directory throws in
            let now = Timestamp.string(from: Date())
            let path = directory.write("usage.jsonl", "{\"timestamp\":\"\(now)\"}\n{\"timestamp\":\"20")
            let last = LastRecord(path: path)
            #expect(last.timestamp != nil)
            #expect(last.invalidLines == 1)
        }
    }

    @Test(
        "kill -9 of `usage-logger append` mid-batch, then another append: the new record is intact",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func killedWriter() throws {
        try withTemporaryDirectory { directory throws in
            let logs = directory.path + "/logs"
            let line = "{\"pad\":\"" + String(repeating: "x", count: 1_000) + "\"}\n"
            let batch = directory.write("batch.jsonl", String(repeating: line, count: 16_000))  // 16 MB
            let environment = ["HOME": directory.path, "PET_LOG_DIR": logs, "PET_LOG_MAX_SIZE": "1GB"]
            let log = logs + "/usage.jsonl"
            var torn = 0
            for attempt in 0..<8 {
                let before = FileSystem.size(of: log)
                let writer = try SpawnedCommand(Binary.path, ["append", "usage", batch], environment: environment)
                // Kill as soon as the batch starts landing: a 16 MB write takes long enough to be caught mid-way.
                _ = waitUntil(milliseconds: 30_000, pollMilliseconds: 0) { FileSystem.size(of: log) > before }
                writer.signal(SIGKILL)
                _ = writer.waitForExit()
                if !text(log).hasSuffix("\n") { torn += 1 }
                let marker = "{\"after_kill\":\(attempt)}"
                let result = Binary.shell("echo '\(marker)' | \"$UL\" append usage", environment: environment)
                #expect(result.status == 0, "\(result.error)")
                let lines = text(log).split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.last == "", "the file ends with a newline")
                let last = lines.dropLast().last.flatMap { try? JSONParser.parse(String($0)) }
                #expect(last?["after_kill"] == .int(attempt), "the new record is a whole line of its own")
                #expect(lines.dropLast().allSatisfy { (try? JSONParser.parse(String($0))) != nil })
                if torn >= 2 { break }
            }
            #expect(torn > 0, "no kill landed mid-write; the test proved nothing")
        }
    }
}
