import Foundation
import Testing

@testable import UsageLogger

@Suite("sessions.jsonl from the hooks", .serialized, .timeLimit(.minutes(1)))
struct SessionAccountingTests {
    typealias Line = TranscriptLines
    static let session = "579bcaed-3b33-413c-ac41-79584059795f"

    static func date(_ text: String) -> Date { Timestamp.date(iso8601: text) ?? .distantPast }

    @Test("SessionEnd with the real transcript: one row with the API's exact tokens")
    func sessionEnd() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            try FileManager.default.copyItem(
                atPath: Fixtures.path("hooks/transcript-2.1.330-fake-api.jsonl"),
                toPath: sandbox.transcript(Self.session))
            let (code, output) = runCLI(
                ["hook"], environment: sandbox.environment, input: Array(sandbox.payload("SessionEnd").utf8))
            #expect(code == .success && output.standardOutput.isEmpty)
            let rows = sandbox.records(.sessions)
            try #require(rows.count == 1)
            let row = rows[0]
            #expect(row["session_id"]?.stringValue == Self.session)
            #expect(row["cwd"]?.stringValue == "/home/user/probe")
            #expect(row["version"]?.stringValue == "2.1.330")
            #expect(row["end_reason"]?.stringValue == "other")
            #expect(row["started_at"]?.stringValue == "2026-11-30T02:54:54.109Z")
            #expect(row["ended_at"]?.stringValue != nil)
            #expect(row["models"] == .array([.string("claude-sonnet-5-5")]))
            #expect(row["requests"]?.intValue == 1)
            #expect(row["tokens"]?["input"]?.intValue == 12)
            #expect(row["tokens"]?["output"]?.intValue == 7)
            #expect(row["tokens"]?["cache_read"]?.intValue == 0)
            #expect(row["tokens"]?["cache_creation"]?.intValue == 0)
            #expect(row["tokens"]?["total"]?.intValue == 19)
            #expect(row["tokens_by_model"]?["claude-sonnet-5-5"]?["total"]?.intValue == 19)
            #expect(row["cost_usd"] == .null)
            #expect(row["cost_source"] == .null)
            #expect(row["limit_hits"]?.intValue == 0)
        }
    }

    @Test("cost from the statusline's last input of the session; limit hits from StopFailure")
    func costAndLimitHits() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            sandbox.write([Line.assistant(message: "m", request: "r", session: Self.session)], session: Self.session)
            let statusline =
                #"{"session_id":"\#(Self.session)","cwd":"/home/user/probe","cost":{"total_cost_usd":0.0421}}"#
            _ = runCLI(["statusline"], environment: sandbox.environment, input: Array(statusline.utf8))
            let failure = sandbox.payload("StopFailure").replacingOccurrences(
                of: "391755a5-a053-4b48-b6f7-3e73acf02732", with: Self.session)
            for _ in 0..<2 { _ = runCLI(["hook"], environment: sandbox.environment, input: Array(failure.utf8)) }
            _ = runCLI(["hook"], environment: sandbox.environment, input: Array(sandbox.payload("SessionEnd").utf8))
            let row = try #require(sandbox.records(.sessions).first)
            #expect(row["cost_usd"]?.doubleValue == 0.0421)
            #expect(row["cost_source"]?.stringValue == "claude_code")
            #expect(row["limit_hits"]?.intValue == 2)
            #expect(sandbox.records(.usage).filter { $0["usage_data"]?["source"]?.stringValue == "hook" }.count == 2)
        }
    }

    @Test("a StopFailure hook that never ran: SessionEnd records the hit from the transcript; a late hook adds none")
    func recoveredLimitHit() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let handler = try sandbox.handler
            sandbox.write([Line.user(), Line.refused(session: "a")], session: "a")
            handler.handle(sandbox.input("SessionEnd", session: "a"))
            handler.handle(
                sandbox.input("StopFailure", session: "a", extra: ["error": "rate_limit"]))
            let records = sandbox.records(.usage)
            try #require(records.count == 1)
            let data = try #require(records[0]["usage_data"])
            #expect(data["state"]?.stringValue == "limited")
            #expect(data["recovered_from"]?.stringValue == "transcript")
            #expect(data["error"]?["message"]?.stringValue == "You've hit your 5-hour limit · resets 8:51am (UTC)")
            #expect(records[0]["timestamp"]?.stringValue == "2026-11-30T07:51:19.663Z")
            let row = try #require(sandbox.records(.sessions).first)
            #expect(row["limit_hits"]?.intValue == 1)
            #expect(row["requests"]?.intValue == 0)
        }
    }

    @Test("a StopFailure hook that ran: the transcript's refusal is the same hit, not a second one")
    func hookThenTranscript() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let handler = try sandbox.handler
            sandbox.write([Line.user(), Line.refused(session: "a")], session: "a")
            handler.handle(sandbox.input("StopFailure", session: "a", extra: ["error": "rate_limit"]))
            handler.handle(sandbox.input("SessionEnd", session: "a"))
            #expect(sandbox.records(.usage).count == 1)
            #expect(sandbox.records(.usage).first?["usage_data"]?["recovered_from"] == nil)
            #expect(sandbox.records(.sessions).first?["limit_hits"]?.intValue == 1)
        }
    }

    @Test("a transcript outside projects/, through .., or a symbolic link is not read")
    func refusedPaths() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let outside = directory.path + "/elsewhere.jsonl"
            _ = FileManager.default.createFile(
                atPath: outside, contents: Data((Line.assistant(message: "m", request: "r") + "\n").utf8))
            try FileManager.default.createSymbolicLink(
                atPath: sandbox.transcript("linked"), withDestinationPath: outside)
            try FileManager.default.createSymbolicLink(
                atPath: sandbox.claude + "/projects/linked-folder", withDestinationPath: directory.path)
            let location = TranscriptLocation(claudeConfigDirectory: sandbox.claude)
            let refused = [
                outside, sandbox.transcript("linked"), sandbox.project + "/../../../elsewhere.jsonl",
                sandbox.claude + "/projects/linked-folder/elsewhere.jsonl", "relative/x.jsonl",
                sandbox.project + "/missing.jsonl", sandbox.project,
            ]
            for path in refused {
                #expect(location.resolve(path) == nil, "\(path)")
                let input = HookInput(
                    .object([
                        ("hook_event_name", .string("SessionEnd")), ("session_id", .string("x")),
                        ("transcript_path", .string(path)),
                    ]))
                try sandbox.handler.handle(input)
            }
            #expect(sandbox.records(.sessions).isEmpty)
            sandbox.write([Line.assistant(message: "m", request: "r")], session: "real")
            #expect(location.resolve(sandbox.transcript("real")) != nil)
        }
    }

    @Test("a session resumed with the same id: each row counts only what is new")
    func resumeSameFile() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let handler = try sandbox.handler
            var lines = [
                Line.user(time: "2026-11-30T10:00:00.000Z"),
                Line.assistant(message: "m1", request: "r1", input: 100, time: "2026-11-30T10:00:01.000Z"),
            ]
            sandbox.write(lines, session: "a")
            handler.handle(
                sandbox.input("SessionStart", session: "a", extra: ["source": "startup"]),
                now: Self.date("2026-11-30T09:59:59.000Z"))
            handler.handle(sandbox.input("SessionEnd", session: "a"), now: Self.date("2026-11-30T10:01:00.000Z"))
            handler.handle(
                sandbox.input("SessionStart", session: "a", extra: ["source": "resume"]),
                now: Self.date("2026-11-30T11:00:00.000Z"))
            lines += [
                Line.user(time: "2026-11-30T11:00:05.000Z"),
                Line.assistant(message: "m2", request: "r2", input: 200, time: "2026-11-30T11:00:06.000Z"),
                Line.assistant(message: "m2", request: "r2", input: 200, time: "2026-11-30T11:00:07.000Z"),
            ]
            sandbox.write(lines, session: "a")
            handler.handle(sandbox.input("SessionEnd", session: "a"), now: Self.date("2026-11-30T11:01:00.000Z"))
            handler.handle(sandbox.input("SessionEnd", session: "a"), now: Self.date("2026-11-30T11:02:00.000Z"))
            let rows = sandbox.records(.sessions)
            try #require(rows.count == 2)
            #expect(rows.map { $0["tokens"]?["input"]?.intValue } == [100, 200])
            #expect(rows.map { $0["requests"]?.intValue } == [1, 1])
            #expect(rows[1]["started_at"]?.stringValue == "2026-11-30T11:00:05.000Z")
        }
    }

    @Test("a resume into a new file that copies the history: the copies are not counted again")
    func resumeCopiedHistory() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let handler = try sandbox.handler
            let history = [
                Line.user(time: "2026-11-30T10:00:00.000Z", session: "a"),
                Line.assistant(
                    message: "m1", request: "r1", input: 100, time: "2026-11-30T10:00:01.000Z", session: "a"),
            ]
            sandbox.write(history, session: "a")
            handler.handle(sandbox.input("SessionEnd", session: "a"), now: Self.date("2026-11-30T10:01:00.000Z"))
            handler.handle(
                sandbox.input("SessionStart", session: "b", extra: ["source": "resume"]),
                now: Self.date("2026-11-30T11:00:00.000Z"))
            sandbox.write(
                history + [
                    Line.assistant(
                        message: "m2", request: "r2", input: 200, time: "2026-11-30T11:00:06.000Z", session: "b")
                ],
                session: "b")
            handler.handle(sandbox.input("SessionEnd", session: "b"), now: Self.date("2026-11-30T11:01:00.000Z"))
            let rows = sandbox.records(.sessions)
            #expect(rows.map { $0["session_id"]?.stringValue } == ["a", "b"])
            #expect(rows.map { $0["tokens"]?["input"]?.intValue } == [100, 200])
        }
    }

    @Test("subagent transcripts beside the session count with it")
    func subagents() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            sandbox.write([Line.assistant(message: "m1", request: "r1", input: 5)], session: "a")
            let folder = sandbox.project + "/a/subagents"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let agent = Line.assistant(message: "s1", request: "q1", model: "claude-haiku-5", input: 3, sidechain: true)
            _ = FileManager.default.createFile(
                atPath: folder + "/agent-1.jsonl", contents: Data((agent + "\n" + agent + "\n").utf8))
            try sandbox.handler.handle(sandbox.input("SessionEnd", session: "a"))
            let row = try #require(sandbox.records(.sessions).first)
            #expect(row["requests"]?.intValue == 2)
            #expect(row["tokens"]?["input"]?.intValue == 8)
            #expect(row["models"] == .array([.string("claude-haiku-5"), .string("claude-sonnet-5-5")]))
        }
    }

    @Test("a session folder linked out of projects/: its subagent files are not read")
    func subagentsThroughALink() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            sandbox.write([Line.assistant(message: "m1", request: "r1", input: 5)], session: "a")
            let outside = directory.path + "/outside/subagents"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            let agent = Line.assistant(message: "s1", request: "q1", input: 3, sidechain: true)
            _ = FileManager.default.createFile(atPath: outside + "/agent-1.jsonl", contents: Data((agent + "\n").utf8))
            try FileManager.default.createSymbolicLink(
                atPath: sandbox.project + "/a", withDestinationPath: directory.path + "/outside")
            try sandbox.handler.handle(sandbox.input("SessionEnd", session: "a"))
            #expect(sandbox.records(.sessions).first?["tokens"]?["input"]?.intValue == 5)
        }
    }

    @Test("a session that never ended is counted once by a later SessionStart, and not again at its end")
    func unended() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let handler = try sandbox.handler
            let now = Date()
            // The index begins before the killed session's transcript was last written.
            handler.handle(
                sandbox.input("SessionStart", session: "first", extra: ["source": "startup"]), now: now - 3 * 3_600)
            sandbox.write(
                [Line.assistant(message: "m1", request: "r1", input: 40, session: "killed")], session: "killed")
            sandbox.write(
                [Line.assistant(message: "m9", request: "r9", input: 1, session: "recent")], session: "recent")
            try FileManager.default.setAttributes(
                [.modificationDate: now - 3_600], ofItemAtPath: sandbox.transcript("killed"))
            // Before the hooks were installed: not ours to account.
            sandbox.write([Line.assistant(message: "m0", request: "r0", session: "old")], session: "old")
            try FileManager.default.setAttributes(
                [.modificationDate: now - 86_400], ofItemAtPath: sandbox.transcript("old"))
            handler.handle(sandbox.input("SessionStart", session: "next", extra: ["source": "startup"]), now: now)
            handler.handle(sandbox.input("SessionStart", session: "again", extra: ["source": "startup"]), now: now + 60)
            handler.handle(sandbox.input("SessionEnd", session: "killed"), now: now + 120)
            let rows = sandbox.records(.sessions)
            try #require(rows.count == 1)
            #expect(rows[0]["session_id"]?.stringValue == "killed")
            #expect(rows[0]["end_reason"]?.stringValue == "unended")
            #expect(rows[0]["tokens"]?["input"]?.intValue == 40)
            #expect(rows[0]["ended_at"]?.stringValue == "2026-11-30T02:54:54.228Z")
        }
    }

    @Test("the index stays bounded and survives a round trip")
    func indexBounds() throws {
        try withTemporaryDirectory { directory in
            var index = SessionIndex(created: 5)
            for number in 0..<(SessionIndex.maximumEntries + 10) {
                index.update("s\(number)", now: Double(number)) { $0.rows = 1 }
            }
            index.update("bad\tid\n", now: 1) { $0.rows = 1 }
            #expect(index.entries.count == SessionIndex.maximumEntries)
            #expect(index["s0"] == nil)
            try index.save(in: directory.path)
            #expect(SessionIndex.load(from: directory.path, now: 99) == index)
        }
    }

    @Test("a limit hit from the hook shows in the report's limit hits")
    func reportLimitHit() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            try FileManager.default.createDirectory(atPath: sandbox.logs, withIntermediateDirectories: true)
            var saved = SessionContext(updatedAt: Date())
            let resets = Int(Date().timeIntervalSince1970) + 2_280
            saved.rateLimits = try JSONParser.parse(
                Array(#"{"five_hour":{"used_percentage":100,"resets_at":\#(resets)}}"#.utf8))
            saved.rateLimitsAt = Date()
            try saved.save(in: sandbox.logs, privacy: RecordPrivacy(configuration: try sandbox.configuration))
            _ = runCLI(["hook"], environment: sandbox.environment, input: Array(sandbox.payload("StopFailure").utf8))
            let (code, output) = runCLI(
                ["report", "--format", "json"], environment: sandbox.environment)
            #expect(code == .success)
            let json = try JSONParser.parse(Array(output.standardOutput.utf8))
            let hits = try #require(json["limit_hits"]?.arrayValue, "\(output.standardOutput.prefix(2_000))")
            #expect(hits.count == 1, "\(hits)")
            #expect(hits.first?["kind"]?.stringValue == "refused")
            #expect(hits.first?["window"]?.stringValue?.contains("Current session") == true, "\(hits)")
        }
    }
}
