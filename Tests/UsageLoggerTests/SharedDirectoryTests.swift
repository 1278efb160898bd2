import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A log directory someone else owns or can write, and a log file someone else owns, are refused with what is
/// wrong and how to fix it; `doctor` flags them.
@Suite("Shared log locations", .serialized)
struct SharedDirectoryTests {
    /// Another user: `nobody` on most systems. Changing owners needs root.
    static let otherUser: uid_t = 65_534
    static let isRoot = geteuid() == 0

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    private func append(_ logs: String, home: String? = nil) -> (code: ExitCode, output: CapturingConsole) {
        var environment = ["PET_LOG_DIR": logs]
        if let home { environment = ["HOME": home] }
        return runCLI(["append", "usage"], environment: environment, input: Array("{}\n".utf8))
    }

    @Test(
        "a log directory owned by another user is refused (exit 73), saying whose it is and what to do",
        .enabled(if: isRoot))
    func otherOwner() throws {
        try withTemporaryDirectory { home throws in
            let logs = home.path + "/logs"
            try FileSystem.createDirectory(logs, mode: 0o700)
            #expect(chown(logs, Self.otherUser, Self.otherUser) == 0)
            let (code, output) = append(logs)
            #expect(code == .cannotCreate)
            #expect(output.standardError.contains("belongs to uid 65534"), "\(output.standardError)")
            #expect(output.standardError.contains("PET_LOG_DIR"), "\(output.standardError)")
            #expect(FileSystem.kind(of: logs + "/usage.jsonl") == .missing)
        }
    }

    @Test("a log directory others can write is refused, not silently changed", arguments: [0o777, 0o1777, 0o775])
    func writableByOthers(permissions: Int) throws {
        try withTemporaryDirectory { home throws in
            let logs = home.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            chmod(logs, mode_t(permissions))
            let (code, output) = append(logs)
            #expect(code == .cannotCreate)
            #expect(output.standardError.contains("group or others can write it"), "\(output.standardError)")
            #expect(output.standardError.contains("chmod go-w '\(logs)'"), "\(output.standardError)")
            #expect(mode(logs) == mode_t(permissions))
            #expect(FileSystem.kind(of: logs + "/usage.jsonl") == .missing)
        }
    }

    @Test("a directory of one's own that others can only read is used as it is, its mode left alone")
    func ownReadableDirectory() throws {
        try withTemporaryDirectory { home throws in
            let logs = home.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            chmod(logs, 0o755)
            #expect(append(logs).code == .success)
            #expect(mode(logs) == 0o755)
        }
    }

    @Test("an auto-detected log directory owned by another user falls back to one of our own", .enabled(if: isRoot))
    func autoDetectedFallsBack() throws {
        try withTemporaryDirectory { home throws in
            let shared = home.path + "/.claude/pets/logs"
            try FileSystem.createDirectory(shared, mode: 0o700)
            #expect(chown(shared, Self.otherUser, Self.otherUser) == 0)
            let (code, output) = append("", home: home.path)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardError.contains("belongs to uid 65534"), "\(output.standardError)")
            #expect(FileSystem.kind(of: home.path + "/.local/state/usage-logger/logs/usage.jsonl") == .regular)
            #expect(FileSystem.kind(of: shared + "/usage.jsonl") == .missing)
        }
    }

    @Test("a log file owned by another user is refused: never written, its 0666 left as it is", .enabled(if: isRoot))
    func otherOwnersLog() throws {
        try withTemporaryDirectory { home throws in
            let log = home.write("logs/usage.jsonl", "{\"theirs\":true}\n")
            chmod(home.path + "/logs", 0o700)
            chmod(log, 0o666)
            #expect(chown(log, Self.otherUser, Self.otherUser) == 0)
            let (code, output) = append(home.path + "/logs")
            #expect(code == .cannotCreate)
            #expect(output.standardError.contains("belongs to uid 65534"), "\(output.standardError)")
            #expect(mode(log) == 0o666)
            #expect((try? String(contentsOfFile: log, encoding: .utf8)) == "{\"theirs\":true}\n")
        }
    }

    @Test("doctor flags a log directory others can write, and one owned by another user", arguments: [false, true])
    func doctor(otherOwner: Bool) throws {
        try withTemporaryDirectory { home throws in
            guard !otherOwner || Self.isRoot else { return }
            let logs = home.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            if otherOwner {
                chmod(logs, 0o700)
                #expect(chown(logs, Self.otherUser, Self.otherUser) == 0)
            } else {
                chmod(logs, 0o777)
            }
            let fake = FakeClaude(in: home, sample: nil, "echo '2.1.1 (Claude Code)'")
            let (code, output) = runCLI(
                ["doctor"],
                environment: [
                    "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path, "PET_LOG_DIR": logs,
                ])
            #expect(code == .failure)
            let expected = otherOwner ? "belongs to uid 65534" : "group or others can write it"
            #expect(output.standardOutput.contains("✘ log directory: \(logs) "), "\(output.standardOutput)")
            #expect(output.standardOutput.contains(expected), "\(output.standardOutput)")
        }
    }
}
