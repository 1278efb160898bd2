import Foundation
import Testing

@testable import UsageLogger

/// The reason the real-Claude tests are skipped reaches the stderr of `swift test`, which folds everything the test
/// process writes (its stderr included) into its own stdout.
@Suite(
    "skip notices", .serialized, .timeLimit(.minutes(2)),
    .enabled(
        if: FileManager.default.fileExists(atPath: "/proc/self/comm")
            && FileManager.default.isExecutableFile(atPath: "/bin/bash"), "Linux (/proc) and bash only"))
struct SkipNoticeTests {
    @Test("under a parent named swift-test the notice goes to the parent's stderr, once; elsewhere nowhere special")
    func parentOnly() {
        withTemporaryDirectory { directory in
            let parent = directory.subdirectory("4242")
            parent.write("comm", "swift-test\n")
            #expect(SkipNotice.parentStandardError(parent: 4242, proc: directory.path) == directory.path + "/4242/fd/2")
            parent.write("comm", "bash\n")
            #expect(SkipNotice.parentStandardError(parent: 4242, proc: directory.path) == nil)
            #expect(SkipNotice.parentStandardError(parent: 4343, proc: directory.path) == nil)
        }
    }

    @Test("the skipped real-Claude tests say why once, on the stderr of the swift-test that runs them")
    func realClaudeSkipReason() throws {
        let bundle = CommandLine.arguments[0]
        try #require(bundle.hasSuffix(".xctest"), "run by swift test")
        try withTemporaryDirectory { directory in
            // A stand-in for swift-test: like it, it sends the test process's stderr to its own stdout. bash, not
            // dash: dash applies a command's redirections in the shell itself while the command runs.
            let swiftTest = directory.path + "/swift-test"
            let shell = URL(fileURLWithPath: "/bin/bash").resolvingSymlinksInPath().path
            try FileManager.default.copyItem(atPath: shell, toPath: swiftTest)
            let script = #""$BUNDLE" --testing-library swift-testing --filter RealClaudeTests 2>&1; exit $?"#
            var environment = ProcessInfo.processInfo.environment
            environment["BUNDLE"] = bundle
            environment["REAL_CLAUDE_TOOL"] = directory.path + "/no-such-tool"
            let result = RealClaude.shell([swiftTest, "-c", script], environment: environment)
            #expect(result.status == 0, "\(result.output)")
            let notice = "skipping real Claude Code tests: \(directory.path)/no-such-tool not found\n"
            #expect(result.error == notice)
            #expect(!result.output.contains("skipping real Claude Code tests:"))
            #expect(result.output.contains("skipped"))
        }
    }
}
