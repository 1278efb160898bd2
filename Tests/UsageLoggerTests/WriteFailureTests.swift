import Foundation
import Testing

@testable import UsageLogger

/// A failing write (a full disk, a state file that cannot be read or saved) is not a failing probe: it never
/// switches a working probe off, and it never makes known diagnostics "appear" again.
@Suite("Write failures", .serialized, .timeLimit(.minutes(1)))
struct WriteFailureTests {
    final class Events {
        var all: [Companion.Event] = []
    }

    /// A fake claude that answers /status and /usage from samples.
    private func workingClaude(in scope: TemporaryDirectory) -> FakeClaude {
        FakeClaude(
            in: scope,
            sample: nil,
            """
            case "$1" in /status) cat '\(Fixtures.path("status-2.1.55.txt"))' ;; *) cat '\(Fixtures.path("usage-2.1.55.txt"))' ;; esac
            """)
    }

    /// An in-process companion against a fake claude, with writing paused by a free-space mark no disk meets.
    private func companion(_ fake: FakeClaude, home: TemporaryDirectory, events: Events) throws -> Companion {
        let logs = home.path + "/logs"
        let environment = [
            "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
            "PET_PROBE_DIR": home.path + "/probe", "PET_USAGE_SOURCE": "command", "PET_MAX_CONSECUTIVE_FAILURES": "2",
            "PET_USAGE_LOG_INTERVAL": "100", "PET_STATUS_LOG_INTERVAL": "100",
        ]
        var configuration = try Configuration(environment: environment)
        configuration.minimumFreeSpace = Int64.max / 2
        try FileSystem.createDirectory(logs, mode: 0o700)
        return Companion(
            context: CollectorContext(configuration: configuration, environment: environment, currentDirectory: logs),
            directory: LogDirectory(path: logs, reason: "test", isExplicit: true), cancellation: Cancellation(),
            idleExitMs: nil, onEvent: { events.all.append($0) })
    }

    @Test("a full disk never switches a working probe off: every write is tried again at the next turn")
    func fullDiskKeepsProbing() throws {
        try withTemporaryDirectory { home throws in
            let fake = workingClaude(in: home)
            let events = Events()
            var companion = try companion(fake, home: home, events: events)
            companion.probeLimit = 6
            #expect(companion.run() == .probeLimitReached)
            let switchedOff = events.all.filter { if case .switchedOff = $0 { true } else { false } }
            #expect(switchedOff.isEmpty, "\(events.all)")
            let failedWrites = events.all.filter {
                if case .probed(_, let outcome) = $0, case .writeFailed = outcome { true } else { false }
            }
            #expect(failedWrites.count == 6)
        }
    }

    @Test("a probe that fails while the disk is full still counts as a failing probe")
    func failingProbeStillCounts() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(in: home, sample: nil, "exit 1")
            let events = Events()
            var companion = try companion(fake, home: home, events: events)
            companion.probeLimit = 20
            #expect(companion.run() == .everyProbeSwitchedOff)
        }
    }

    @Test("the companion's word for a full disk is true: it goes on, and writing resumes once space is back")
    func resumes() throws {
        try withTemporaryDirectory { home throws in
            let fake = workingClaude(in: home)
            let events = Events()
            var companion = try companion(fake, home: home, events: events)
            companion.probeLimit = 4
            #expect(companion.run() == .probeLimitReached)
            companion.context.configuration.minimumFreeSpace = 0  // space is back
            companion.probeLimit = 8
            #expect(companion.run() == .probeLimitReached)
            #expect(
                logRecords(home.path + "/logs/usage.jsonl").count + logRecords(home.path + "/logs/status.jsonl").count
                    == 4)
        }
    }

    /// `once status` in a fresh home against the 2.1.55 sample, which reports two installation warnings.
    private func onceStatus(_ home: TemporaryDirectory, _ fake: FakeClaude) -> (
        code: ExitCode, output: CapturingConsole
    ) {
        runCLI(
            ["once", "status"],
            environment: [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": home.path + "/logs",
            ])
    }

    @Test("a state.json that cannot be read writes no diagnostics changes, says so, and still records the probe")
    func unreadableState() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(in: home, sample: "status-2.1.55.txt")
            try FileManager.default.createDirectory(
                atPath: home.path + "/logs/state.json", withIntermediateDirectories: true)
            for _ in 0..<3 {
                let (code, output) = onceStatus(home, fake)
                #expect(code == .success, "\(output.standardError)")
                #expect(output.standardError.contains("state.json"), "\(output.standardError)")
                #expect(
                    output.standardError.contains("diagnostics changes are not recorded"), "\(output.standardError)")
            }
            #expect(logRecords(home.path + "/logs/status.jsonl").count == 3)
            #expect(logRecords(home.path + "/logs/diagnostics.jsonl").isEmpty)
        }
    }

    @Test(
        "a state.json that can be read but not saved never repeats the known diagnostics",
        .enabled(if: Immutable.works))
    func unsavableState() throws {
        try withTemporaryDirectory { home throws in
            // First a status without warnings, so the saved state knows none; then one with two, which is a change
            // each run would record if it did not first make sure the state can be saved.
            #expect(onceStatus(home, FakeClaude(in: home, sample: "status-1.0.31.txt")).code == .success)
            let state = home.path + "/logs/state.json"
            Immutable.set(state, true)
            defer { Immutable.set(state, false) }
            let fake = FakeClaude(in: home, sample: "status-2.1.55.txt")
            for _ in 0..<2 {
                let (code, output) = onceStatus(home, fake)
                #expect(code == .success)
                #expect(output.standardError.contains("cannot save"), "\(output.standardError)")
            }
            #expect(logRecords(home.path + "/logs/diagnostics.jsonl").isEmpty)
            #expect(logRecords(home.path + "/logs/status.jsonl").count == 3)
        }
    }

    @Test("a state.json that is not JSON is replaced once; what is seen then is known, not recorded again")
    func corruptState() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(in: home, sample: "status-2.1.55.txt")
            #expect(onceStatus(home, fake).code == .success)
            #expect(logRecords(home.path + "/logs/diagnostics.jsonl").count == 2)
            try "{\"known_diagnostics\": [".write(
                toFile: home.path + "/logs/state.json", atomically: false, encoding: .utf8)
            let (code, output) = onceStatus(home, fake)
            #expect(code == .success)
            #expect(output.standardError.contains("was not valid JSON and was replaced"), "\(output.standardError)")
            #expect(onceStatus(home, fake).output.standardError.isEmpty)
            #expect(logRecords(home.path + "/logs/diagnostics.jsonl").count == 2)
            #expect(StateStore(directory: home.path + "/logs").load().knownDiagnostics.count == 2)
        }
    }
}

/// `chattr +i`: a file even root cannot replace, for a state file that can be read but not saved.
enum Immutable {
    static let works: Bool = {
        withTemporaryDirectory { probe in
            let file = probe.write("f", "x")
            guard run(["+i", file]) else { return false }
            defer { _ = run(["-i", file]) }
            return rename(probe.write("g", "y"), file) != 0
        }
    }()

    static func set(_ path: String, _ on: Bool) { _ = run([on ? "+i" : "-i", path]) }

    private static func run(_ arguments: [String]) -> Bool {
        guard let chattr = ["/usr/bin/chattr", "/bin/chattr"].first(where: FileManager.default.isExecutableFile)
        else { return false }
        return RealClaude.shell([chattr] + arguments, environment: ["PATH": "/usr/bin:/bin"]).status == 0
    }
}
