import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What escapes a probe's process group is still found and ended: by the marker in its environment after the
/// probe, by the next probe when usage-logger was killed, and by the parent-death signal for `claude` itself.
@Suite("Probe marker", .serialized, .timeLimit(.minutes(1)))
struct ProbeMarkerTests {
    private func environment(_ fake: FakeClaude, home: String) -> [String: String] {
        [
            "HOME": home, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path, "PET_PROBE_DIR": home + "/probe",
            "CLAUDE_CONFIG_DIR": home + "/.claude",
        ]
    }

    @Test("a grandchild that leaves the process group with setsid is ended after the probe")
    func escapedGrandchild() throws {
        try withTemporaryDirectory { home throws in
            // The fake waits until its grandchild has left the group: its own exit hangs up whatever is still in it.
            let fake = FakeClaude(
                in: home,
                sample: "usage-2.1.55.txt",
                """
                setsid sh -c 'touch "$0.escaped"; exec "$1" 1000' "$0" "$sleeper" </dev/null >/dev/null 2>&1 &
                while [ ! -f "$0.escaped" ]; do :; done
                exit 0
                """)
            let result = Prober(
                configuration: try Configuration(environment: environment(fake, home: home.path)),
                environment: environment(fake, home: home.path)
            ).run(.usage)
            #expect(result.failure == nil)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("processes a killed usage-logger left behind are ended by the next probe")
    func orphansOfAKilledLogger() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(in: home, sample: "usage-2.1.55.txt")
            let gone = try ChildProcess.spawn(executable: "/bin/true", arguments: [], environment: [:])
            #expect(gone.wait(milliseconds: 5_000) == .exited(0))  // its pid now names a usage-logger that is gone
            let orphan = try ChildProcess.spawn(
                executable: fake.directory.path + "/bin/sleeper", arguments: ["1000"],
                environment: [ProbeMarker.variable: "\(gone.pid)-0123abcd"])
            _ = orphan.detach()
            _ = Prober(
                configuration: try Configuration(environment: environment(fake, home: home.path)),
                environment: environment(fake, home: home.path)
            ).run(.usage)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("kill -9 of usage-logger in the middle of a probe leaves no claude running")
    func killedMidProbe() throws {
        try withTemporaryDirectory { home throws in
            let started = home.path + "/started"
            let fake = FakeClaude(
                in: home, sample: nil, "touch '\(started)'\n\"$sleeper\" 1000 &\nexec \"$sleeper\" 1000")
            let logger = try SpawnedCommand(
                Binary.path, ["probe", "usage"], environment: environment(fake, home: home.path))
            #expect(waitUntil { FileManager.default.fileExists(atPath: started) })
            logger.signal(SIGKILL)
            #expect(logger.waitForExit() == SIGKILL)
            #expect(ProcessTable.survivors(of: fake.marker, withinMilliseconds: 5_000).isEmpty)
        }
    }
}
