import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C (or SIGTERM, or a closed terminal) during `probe` or `once` ends claude's whole process group, says so,
/// exits 128 + the signal, and leaves no process and no half-made record.
@Suite("Stopping probe and once", .serialized, .timeLimit(.minutes(1)))
struct StopSignalTests {
    static let cases: [(command: [String], signal: Int32, code: Int32)] = [
        (["probe", "usage"], SIGINT, 130), (["probe", "status"], SIGTERM, 143), (["once", "usage"], SIGINT, 130),
        (["once"], SIGTERM, 143), (["probe", "usage"], SIGHUP, 129),
    ]

    @Test("a stop signal mid-probe ends claude, says so and exits 128 + the signal", arguments: 0..<cases.count)
    func stop(index: Int) throws {
        let (command, signal, code) = Self.cases[index]
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(
                in: home, sample: nil,
                "echo 'Loading usage data…'\n\"$sleeper\" 1000 &\ntouch \"$0.started\"\nexec \"$sleeper\" 1000")
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_PROBE_DIR": home.path + "/probe", "CLAUDE_CONFIG_DIR": home.path + "/.claude",
                "PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": home.path + "/logs",
            ]
            let logger = try SpawnedCommand(Binary.path, command, environment: environment)
            #expect(waitUntil { FileSystem.kind(of: fake.path + ".started") == .regular })
            logger.signal(signal)
            #expect(logger.waitForExit(milliseconds: 5_000) == code)
            #expect(logger.standardError.contains("stopped by"), "\(logger.standardError)")
            #expect(logger.standardOutput.isEmpty)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
            let usage = home.path + "/logs/usage.jsonl"
            #expect(FileSystem.kind(of: usage) == .missing || logRecords(usage).isEmpty)
        }
    }
}
