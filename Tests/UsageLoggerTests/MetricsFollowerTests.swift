import Foundation
import Testing

@testable import UsageLogger

/// `MetricsFollower`, the companion's metrics: after appends and rotations it says what a full read says, reading
/// only the new lines.
@Suite("Metrics follower")
struct MetricsFollowerTests {
    typealias Fixture = PrometheusExpositionTests

    static func usageLine(minute: Int, percent: Int) -> String {
        #"{"timestamp":"2026-03-01T12:\#(String(format: "%02d", minute)):00.000Z","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":\#(percent),"resets_at":"2026-03-01T15:00:00.000Z"}]}}"#
    }

    static func fullRead(_ directory: String) throws -> String {
        PrometheusExposition.render(try Fixture.snapshot([LogSource(path: directory)]))
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test("appended lines are read alone, a line being written waits for its newline, and it all adds up")
    func appends() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Fixture.logs(in: dir)
            let follower = MetricsFollower(directory: logs)
            let first = try follower.snapshot(now: Fixture.now)
            #expect(PrometheusExposition.render(first) == (try Self.fullRead(logs)))
            let line = Self.usageLine(minute: 5, percent: 100)
            try Self.append(String(line.prefix(40)), to: logs + "/usage.jsonl")
            let partial = try follower.snapshot(now: Fixture.now)
            #expect(partial.summary.linesRead == first.summary.linesRead)
            #expect(partial.summary.skippedLines == 0)
            try Self.append(
                String(line.dropFirst(40)) + "\n" + Self.usageLine(minute: 6, percent: 0) + "\n",
                to: logs + "/usage.jsonl")
            try Self.append(Fixture.sessions[0] + "\n", to: logs + "/sessions.jsonl")
            let second = try follower.snapshot(now: Fixture.now)
            #expect(second.summary.linesRead == first.summary.linesRead + 2)
            #expect(PrometheusExposition.render(second) == (try Self.fullRead(logs)))
        }
    }

    @Test("rotated between two calls (once or twice): the rest of the old file, then the new ones")
    func rotation() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Fixture.logs(in: dir)
            let follower = MetricsFollower(directory: logs)
            _ = try follower.snapshot(now: Fixture.now)
            let manager = FileManager.default
            try Self.append(Self.usageLine(minute: 1, percent: 50) + "\n", to: logs + "/usage.jsonl")
            try manager.moveItem(atPath: logs + "/usage.jsonl", toPath: logs + "/usage.jsonl.1")
            dir.write("logs/usage.jsonl", Self.usageLine(minute: 2, percent: 70) + "\n")
            #expect(PrometheusExposition.render(try follower.snapshot(now: Fixture.now)) == (try Self.fullRead(logs)))
            try manager.moveItem(atPath: logs + "/usage.jsonl.1", toPath: logs + "/usage.jsonl.2")
            try Self.append(Self.usageLine(minute: 3, percent: 100) + "\n", to: logs + "/usage.jsonl")
            try manager.moveItem(atPath: logs + "/usage.jsonl", toPath: logs + "/usage.jsonl.1")
            dir.write("logs/usage.jsonl", Self.usageLine(minute: 4, percent: 20) + "\n")
            try manager.moveItem(atPath: logs + "/usage.jsonl.1", toPath: logs + "/usage.jsonl.3")
            try manager.moveItem(atPath: logs + "/usage.jsonl.2", toPath: logs + "/usage.jsonl.4")
            try manager.moveItem(atPath: logs + "/usage.jsonl", toPath: logs + "/usage.jsonl.2")
            dir.write("logs/usage.jsonl.1", Self.usageLine(minute: 5, percent: 30) + "\n")
            dir.write("logs/usage.jsonl", Self.usageLine(minute: 6, percent: 40) + "\n")
            let after = try follower.snapshot(now: Fixture.now)
            #expect(PrometheusExposition.render(after) == (try Self.fullRead(logs)))
            #expect(PrometheusExposition.render(after).contains(#"source="command"} 0.4"#))
        }
    }

    @Test("a log cut shorter, or whose file read before is gone, is read again from its oldest file")
    func readAgain() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Fixture.logs(in: dir)
            let follower = MetricsFollower(directory: logs)
            _ = try follower.snapshot(now: Fixture.now)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + "/usage.jsonl"))
            try handle.truncate(atOffset: 0)  // the same file, cut shorter
            try handle.write(contentsOf: Data((Self.usageLine(minute: 1, percent: 10) + "\n").utf8))
            try handle.close()
            #expect(PrometheusExposition.render(try follower.snapshot(now: Fixture.now)) == (try Self.fullRead(logs)))
            // Made before the file read before goes, so that none of them can take its inode number again.
            dir.write("logs/usage.jsonl.1", Self.usageLine(minute: 2, percent: 20) + "\n")
            dir.write("logs/usage.jsonl", Self.usageLine(minute: 3, percent: 30) + "\n")  // replaced by a rename
            #expect(PrometheusExposition.render(try follower.snapshot(now: Fixture.now)) == (try Self.fullRead(logs)))
        }
    }

    @Test("an empty directory, then logs that appear in it")
    func logsAppear() throws {
        try withTemporaryDirectory { dir throws in
            let logs = dir.subdirectory("logs").path
            let follower = MetricsFollower(directory: logs)
            for _ in 0..<2 {
                #expect(
                    PrometheusExposition.render(try follower.snapshot(now: Fixture.now)) == (try Self.fullRead(logs)))
            }
            _ = Fixture.logs(in: dir)
            #expect(PrometheusExposition.render(try follower.snapshot(now: Fixture.now)) == Fixture.expected)
        }
    }
}
