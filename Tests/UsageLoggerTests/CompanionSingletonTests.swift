import Foundation
import Testing

@testable import UsageLogger

/// One companion per log directory, however the directory changes under it.
@Suite(
    "Companion singleton", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
struct CompanionSingletonTests {
    /// The exit status once `companion` has ended, nil while it runs.
    private func ended(_ companion: CompanionProcess) -> Int32? { companion.waitForExit(milliseconds: 0) }

    /// `rm -rf` of the log directory while `companion` is stopped: a file it creates meanwhile would make the
    /// removal fail.
    private func removeLogs(_ setup: CompanionTests.Setup, under companion: CompanionProcess) throws {
        companion.signal(SIGSTOP)
        defer { companion.signal(SIGCONT) }
        try FileManager.default.removeItem(atPath: setup.logs)
    }

    @Test("a log directory deleted and recreated under a running companion never leaves two running")
    func deletedDirectory() throws {
        try withTemporaryDirectory { home throws in
            let setup = CompanionTests.Setup(home: home)
            let lockPath = setup.logs + "/companion.lock"
            let first = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { FileLock.holder(of: lockPath) == first.pid })
            try removeLogs(setup, under: first)
            let second = try CompanionProcess(["run"], environment: setup.environment())
            // A plain loop rather than `waitUntil`: mutating captured vars in that nested closure crashes the
            // Swift 6.3 compiler.
            var firstStatus: Int32?
            var secondStatus: Int32?
            let deadline = ContinuousClock.now + .seconds(15)
            while firstStatus == nil, secondStatus == nil, ContinuousClock.now < deadline {
                firstStatus = ended(first)
                secondStatus = ended(second)
                if firstStatus == nil, secondStatus == nil {
                    _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(20))
                }
            }
            let oneEnded = firstStatus != nil || secondStatus != nil
            #expect(oneEnded, "two companions run for \(setup.logs)")
            #expect(firstStatus == nil || secondStatus == nil, "both ended")
            let (survivor, loser) = firstStatus == nil ? (first, second) : (second, first)
            #expect(ended(loser) == 0)
            #expect(waitUntil { FileLock.holder(of: lockPath) == survivor.pid })
            #expect(
                loser.standardError.contains("a companion is already running")
                    || loser.standardError.contains("another companion"),
                "\(loser.standardError)")
            // The survivor goes on recording into the new directory.
            let before = setup.records(.usage).count
            #expect(waitUntil { setup.records(.usage).count > before })
            survivor.signal(SIGTERM)
            #expect(survivor.waitForExit(milliseconds: 2_500) == 0)
        }
    }

    @Test("a companion whose directory was deleted takes the lock again in the recreated directory and goes on")
    func retakesLock() throws {
        try withTemporaryDirectory { home throws in
            let setup = CompanionTests.Setup(home: home)
            let lockPath = setup.logs + "/companion.lock"
            let companion = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { FileLock.holder(of: lockPath) == companion.pid })
            try removeLogs(setup, under: companion)
            #expect(waitUntil { FileLock.holder(of: lockPath) == companion.pid })
            #expect(waitUntil { companion.standardError.contains("took it again") }, "\(companion.standardError)")
            let second = try CompanionProcess(["run"], environment: setup.environment())
            #expect(second.waitForExit() == 0)
            #expect(second.standardError.contains("a companion is already running"))
            companion.signal(SIGTERM)
            #expect(companion.waitForExit(milliseconds: 2_500) == 0)
        }
    }

    @Test("when another process holds the lock in the recreated directory, the companion says so and exits 0")
    func replaced() throws {
        try withTemporaryDirectory { home throws in
            let setup = CompanionTests.Setup(home: home)
            let lockPath = setup.logs + "/companion.lock"
            let companion = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { FileLock.holder(of: lockPath) == companion.pid })
            companion.signal(SIGSTOP)  // so that it cannot take the lock again before we do
            try FileManager.default.removeItem(atPath: setup.logs)
            try FileSystem.createDirectory(setup.logs, mode: 0o700)
            let other = try #require(try FileLock.tryAcquire(lockPath))
            other.recordHolder()
            companion.signal(SIGCONT)
            #expect(companion.waitForExit(milliseconds: 5_000) == 0)
            #expect(
                companion.standardError.contains(
                    "\(setup.logs) was deleted or recreated and another companion (pid \(getpid())) now runs for it"),
                "\(companion.standardError)")
            other.unlock()
        }
    }

    @Test("when the lock cannot be taken again (a file where the directory was), the companion exits 73")
    func lockLost() throws {
        try withTemporaryDirectory { home throws in
            let setup = CompanionTests.Setup(home: home)
            let lockPath = setup.logs + "/companion.lock"
            let companion = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { FileLock.holder(of: lockPath) == companion.pid })
            companion.signal(SIGSTOP)  // so that it cannot recreate the directory before the file is there
            try FileManager.default.removeItem(atPath: setup.logs)
            setup.home.write("logs", "not a directory\n")
            companion.signal(SIGCONT)
            #expect(companion.waitForExit(milliseconds: 5_000) == 73)
            #expect(companion.standardError.contains("cannot be taken again"), "\(companion.standardError)")
        }
    }
}
