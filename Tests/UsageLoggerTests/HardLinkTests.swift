import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hard link planted at a log, lock or state path is refused like a symlink: the file it shares its content with
/// is never appended to, `chmod`ed or overwritten.
@Suite("Hard links", .serialized, .timeLimit(.minutes(1)))
struct HardLinkTests {
    /// A file someone cares about (0644, one line), hard-linked at `name` in `directory`.
    private func plant(_ name: String, in directory: TemporaryDirectory) throws -> String {
        let precious = directory.write("precious.txt", "do not touch\n")
        chmod(precious, 0o644)
        try FileSystem.createDirectory(directory.path + "/logs", mode: 0o700)
        guard link(precious, directory.path + "/logs/" + name) == 0 else { throw SystemCallError("link") }
        return precious
    }

    private func untouched(_ precious: String) -> Bool {
        var info = stat()
        return (try? String(contentsOfFile: precious, encoding: .utf8)) == "do not touch\n"
            && stat(precious, &info) == 0 && info.st_mode & 0o777 == 0o644
    }

    @Test(
        "a hard link at a log or its lock is refused (exit 73) and the linked file left untouched",
        arguments: ["usage.jsonl", "usage.jsonl.lock"])
    func logPaths(name: String) throws {
        try withTemporaryDirectory { directory throws in
            let precious = try plant(name, in: directory)
            do throws(LogWriteError) {
                try LogWriter(directory: directory.path + "/logs", maxSize: 1 << 20, maxFiles: 3).append(
                    ["{}"], to: .usage)
                Issue.record("expected a refusal")
            } catch {
                #expect(error.description.contains("hard link"), "\(error)")
                #expect(ExitCode(error) == .cannotCreate)
            }
            #expect(untouched(precious))
        }
    }

    @Test("`append` refuses a hard-linked log with exit 73 and says what to do")
    func appendCommand() throws {
        try withTemporaryDirectory { directory throws in
            let precious = try plant("usage.jsonl", in: directory)
            let (code, output) = runCLI(
                ["append", "usage"], environment: ["PET_LOG_DIR": directory.path + "/logs"], input: Array("{}\n".utf8))
            #expect(code == .cannotCreate)
            #expect(output.standardError.contains("2 names"), "\(output.standardError)")
            #expect(output.standardError.contains("move it away"), "\(output.standardError)")
            #expect(untouched(precious))
        }
    }

    @Test(
        "a hard link at a probe lock, the state lock or the state file: `once` leaves the linked file untouched",
        arguments: ["probe-usage.lock", "state.lock", "state.json"])
    func onceCommand(name: String) throws {
        try withTemporaryDirectory { directory throws in
            let precious = try plant(name, in: directory)
            let fake = FakeClaude(in: directory, sample: "usage-2.1.55.txt")
            let (_, output) = runCLI(
                ["once", "usage"],
                environment: [
                    "HOME": directory.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                    "PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": directory.path + "/logs",
                ])
            #expect(output.standardError.contains("hard link"), "\(output.standardError)")
            #expect(untouched(precious))
            var info = stat()
            #expect(lstat(directory.path + "/logs/" + name, &info) == 0 && info.st_nlink == 2, "the link was replaced")
        }
    }

    @Test(
        "a hard link at the companion lock: `run` refuses (exit 73) and writes no pid into the linked file",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func companionLock() throws {
        try withTemporaryDirectory { directory throws in
            let precious = try plant("companion.lock", in: directory)
            let fake = FakeClaude(in: directory, sample: "usage-2.1.55.txt")
            let companion = try CompanionProcess(
                ["run"],
                environment: [
                    "HOME": directory.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                    "PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": directory.path + "/logs",
                ])
            let status = companion.waitForExit(milliseconds: 5_000)
            if status == nil { companion.signal(SIGTERM) }
            #expect(status == 73)
            #expect(companion.standardError.contains("hard link"), "\(companion.standardError)")
            #expect(untouched(precious))
        }
    }

    @Test("a state file replaced atomically refuses to replace a hard link (statusline.json)")
    func atomicFile() throws {
        try withTemporaryDirectory { directory throws in
            let precious = try plant("statusline.json", in: directory)
            #expect(throws: (any Error).self) {
                try SessionContext(updatedAt: Date()).save(in: directory.path + "/logs", privacy: RecordPrivacy())
            }
            #expect(untouched(precious))
            var info = stat()
            #expect(lstat(directory.path + "/logs/statusline.json", &info) == 0 && info.st_nlink == 2)
        }
    }

    @Test("doctor flags a hard link at a log path as a failure")
    func doctor() throws {
        try withTemporaryDirectory { directory throws in
            _ = try plant("usage.jsonl.lock", in: directory)
            let fake = FakeClaude(in: directory, sample: nil, "echo '2.1.1 (Claude Code)'")
            let (code, output) = runCLI(
                ["doctor"],
                environment: [
                    "HOME": directory.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                    "PET_LOG_DIR": directory.path + "/logs",
                ])
            #expect(code == .failure)
            #expect(
                output.standardOutput.contains("✘ files: \(directory.path)/logs/usage.jsonl.lock: it is a hard link"),
                "\(output.standardOutput)")
        }
    }
}
