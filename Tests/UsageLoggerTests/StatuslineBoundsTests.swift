import Foundation
import Testing

@testable import UsageLogger

/// The statusline runs on every Claude Code render, so nothing may hold it up: a lock held by another process
/// skips recording that render instead of waiting, and every file it reads is capped.
@Suite("statusline bounds", .serialized, .timeLimit(.minutes(1)))
struct StatuslineBoundsTests {
    static let flock = "/usr/bin/flock"
    static let input = Array(
        #"{"session_id":"s","model":{"display_name":"Opus"},"rate_limits":{"five_hour":{"used_percentage":42}}}"#.utf8)

    private func environment(_ logs: String) -> [String: String] {
        [
            "HOME": logs + "/home", "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs,
            "PET_CLAUDE_COMMAND": "/nonexistent/claude", "PET_STATUSLINE_FORMAT": "{model} | {five_hour}",
        ]
    }

    /// Another process holding `lock` (an exclusive `flock`) for 30 s, ready once it holds it.
    private func holder(of lock: String, in scratch: TemporaryDirectory) throws -> SpawnedCommand {
        let ready = scratch.path + "/held"
        let holder = try SpawnedCommand(
            Self.flock, [lock, "/bin/sh", "-c", "touch '\(ready)'; exec sleep 30"],
            environment: ["PATH": "/usr/bin:/bin"])
        try #require(waitUntil { FileManager.default.fileExists(atPath: ready) })
        return holder
    }

    @Test(
        "a held statusline.lock skips recording: the line is printed at once, nothing is written",
        .enabled(if: FileManager.default.isExecutableFile(atPath: flock)))
    func heldStatuslineLock() throws {
        try withTemporaryDirectory { scratch throws in
            let logs = scratch.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            let holder = try holder(of: logs + "/statusline.lock", in: scratch)
            let start = Date()
            let result = runCLI(["statusline"], environment: environment(logs), input: Self.input)
            #expect(Date().timeIntervalSince(start) < 2)
            #expect(holder.waitForExit(milliseconds: 0) == nil)  // it still holds the lock
            #expect(result.output.standardOutput == "Opus | 42%\n")
            #expect(!FileManager.default.fileExists(atPath: logs + "/statusline.json"))
            #expect(!FileManager.default.fileExists(atPath: logs + "/usage.jsonl"))
        }
    }

    @Test(
        "a held log lock skips the usage record, which the next free render writes",
        .enabled(if: FileManager.default.isExecutableFile(atPath: flock)))
    func heldLogLock() throws {
        try withTemporaryDirectory { scratch throws in
            let logs = scratch.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            var holder: SpawnedCommand? = try holder(of: logs + "/usage.jsonl.lock", in: scratch)
            let start = Date()
            let result = runCLI(["statusline"], environment: environment(logs), input: Self.input)
            #expect(Date().timeIntervalSince(start) < 2)
            #expect(holder?.waitForExit(milliseconds: 0) == nil)
            #expect(result.output.standardOutput == "Opus | 42%\n")
            #expect(logRecords(logs + "/usage.jsonl").isEmpty)
            #expect(SessionContext.load(from: logs)?.lastUsageRecord == nil)
            holder = nil  // ends it, and with it the lock
            #expect(waitUntil { (try? FileLock.tryAcquire(logs + "/usage.jsonl.lock")) != nil })
            #expect(runCLI(["statusline"], environment: environment(logs), input: Self.input).code == .success)
            #expect(logRecords(logs + "/usage.jsonl").count == 1)
        }
    }

    @Test("a statusline.json above 64 KiB counts as absent and is replaced by a small one")
    func oversizeSessionFile() throws {
        try withTemporaryDirectory { scratch throws in
            let logs = scratch.path + "/logs"
            let limits = #"{"five_hour":{"used_percentage":55}}"#
            let big =
                #"{"updated_at":"2026-01-01T00:00:00.000Z","rate_limits":\#(limits),"#
                + #""rate_limits_at":"2026-01-01T00:00:00.000Z","padding":""# + String(repeating: "x", count: 70_000)
                + "\"}\n"
            scratch.write("logs/statusline.json", big)
            let noLimits = Array(#"{"session_id":"s","model":{"display_name":"Opus"}}"#.utf8)
            let result = runCLI(["statusline"], environment: environment(logs), input: noLimits)
            #expect(result.output.standardOutput == "Opus\n")  // not the 55 % of the oversize file
            #expect(FileSystem.size(of: logs + "/statusline.json") < 1_024)
            #expect(SessionContext.load(from: logs)?.sessionID == "s")
        }
    }

    @Test(
        "a FIFO at statusline.json does not hang the render",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func fifoSessionFile() throws {
        try withTemporaryDirectory { scratch throws in
            let logs = scratch.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            #expect(mkfifo(logs + "/statusline.json", 0o600) == 0)
            let script = "printf '%s' '\(String(decoding: Self.input, as: UTF8.self))' | timeout 10 \"$UL\" statusline"
            let result = Binary.shell(script, environment: environment(logs).merging(["PATH": "/usr/bin:/bin"]) { $1 })
            #expect(result.status == 0)
            #expect(result.output == "Opus | 42%\n")
        }
    }

    @Test("a Package.swift of megabytes in the current directory is not read whole")
    func oversizeManifest() throws {
        try withTemporaryDirectory { scratch throws in
            let manifest =
                String(repeating: "// padding\n", count: 200_000) + "let package = Package(name: \"UsageLogger\")\n"
            scratch.write("Package.swift", manifest)
            #expect(!LogDirectory.isProjectCheckout(scratch.path))
            scratch.write("Package.swift", "let package = Package(name: \"UsageLogger\")\n")
            #expect(LogDirectory.isProjectCheckout(scratch.path))
        }
    }
}
