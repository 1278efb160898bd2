import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one spawn path: what replaced corelibs `Process`, its signal-mask workaround, the exit peek and the
/// companion's self-recycling, each proved by what it must guarantee.
@Suite("Child processes", .serialized, .timeLimit(.minutes(1)))
struct ChildProcessTests {
    @Test("a child spawned while every signal is blocked in the parent still dies of SIGTERM")
    func emptySignalMask() throws {
        try withTemporaryDirectory { scope throws in
            let fake = FakeClaude(in: scope, sample: nil, "exec \"$sleeper\" 1000")
            var all = sigset_t()
            var previous = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_SETMASK, &all, &previous)
            let child = try ChildProcess.spawn(
                executable: fake.path, arguments: [], environment: ["PATH": "/usr/bin:/bin"])
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            child.signalGroup(SIGTERM)
            #expect(child.wait(milliseconds: 5_000) == .signalled(SIGTERM))
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("the probed command leads its own session with the pseudo-terminal as its controlling terminal")
    func controllingTerminal() throws {
        try withTemporaryDirectory { scope throws in
            let fake = FakeClaude(
                in: scope,
                sample: nil,
                """
                echo "session=$(ps -o sid= -p $$ | tr -d ' ') self=$$"
                if exec 3</dev/tty; then echo "has /dev/tty"; fi
                """)
            let outcome = try TerminalRunner().run(
                executable: fake.path, arguments: [], workingDirectory: fake.directory.path,
                environment: ["PATH": "/usr/bin:/bin"], limits: RunLimits(timeoutMs: 10_000, graceMs: 500))
            let text = String(decoding: outcome.output, as: UTF8.self)
            let fields = Dictionary(
                uniqueKeysWithValues: text.split(whereSeparator: \.isWhitespace).compactMap {
                    word -> (String, String)? in
                    let parts = word.split(separator: "=", maxSplits: 1)
                    return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                })
            #expect(outcome.exitStatus == 0)
            #expect(fields["session"] != nil && fields["session"] == fields["self"])
            #expect(text.contains("has /dev/tty"))
        }
    }

    @Test("a program that cannot be executed is an error naming it, and nothing is left to reap")
    func cannotExecute() throws {
        try withTemporaryDirectory { scope throws in
            let fake = FakeClaude(in: scope, sample: nil)
            chmod(fake.path, 0o644)
            #expect(throws: SystemCallError.self) {
                _ = try ChildProcess.spawn(executable: fake.path, arguments: [], environment: [:])
            }
        }
    }

    @Test("the companion stays flat over hundreds of probes in one process: memory, descriptors, no zombies")
    func companionMemory() throws {
        let bench = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent(
            "usage-logger-bench"
        ).path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build the package first: \(bench)")
        let result = RealClaude.shell([bench, Fixtures.packageRoot.path, "--companion-soak", "600"])
        let json = try JSONParser.parse(result.output.trimmed)
        let points = try #require(
            json["checkpoints"]?.arrayValue?.map { point in
                point.arrayValue?.compactMap { value -> Int? in
                    if case .int(let number) = value { return number }
                    return nil
                } ?? []
            })
        try #require(points.count == 2, "\(result.output) \(result.error)")
        let (warm, last) = (points[0], points[1])
        #expect(last[0] == 600)
        #expect(last[1] - warm[1] < 1_024, "RSS grew from \(warm[1]) KiB to \(last[1]) KiB")
        #expect(last[2] == warm[2], "descriptors \(warm[2]) → \(last[2])")
        #expect(last[3] == 0)
    }

    @Test("a zombie waiting for its parent counts as gone, so ending probes never waits for a reap")
    func zombieIsNotRunning() throws {
        let child = try ChildProcess.spawn(executable: "/bin/true", arguments: [], environment: [:])
        #expect(waitUntil { kill(child.pid, 0) == 0 && !ProcessSweep.isRunning(child.pid) })
        _ = child.wait(milliseconds: 1_000)
        #expect(!ProcessSweep.isRunning(child.pid))
    }
}
