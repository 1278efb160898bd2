import Foundation
import Testing

@testable import UsageLogger

@Suite("Record sink", .serialized, .timeLimit(.minutes(1)))
struct RecordSinkTests {
    @Test("the privacy options null every cwd, at any depth, and hash every address; without them nothing changes")
    func privacy() throws {
        let record = try JSONParser.parse(
            #"{"cwd":"/home/me","email":"Me@Example.com","nested":[{"cwd":"/x","note":"ask me@example.com"}],"n":1}"#)
        let both = RecordPrivacy(anonymizeEmail: true, excludeCwd: true).apply(record)
        let hash = "sha256:" + SHA256.hex("me@example.com")
        #expect(
            both.serialized()
                == #"{"cwd":null,"email":"\#(hash)","nested":[{"cwd":null,"note":"ask \#(hash)"}],"n":1}"#)
        #expect(RecordPrivacy().apply(record) == record)
    }

    @Test("the sink writes records as one line each, through the privacy options")
    func appends() throws {
        try withTemporaryDirectory { directory throws in
            let sink = RecordSink(
                writer: LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3),
                privacy: RecordPrivacy(excludeCwd: true))
            try sink.append([.object([("cwd", .string("/home/me"))]), .object([])], to: .usage)
            let text = try String(contentsOfFile: sink.path(of: .usage), encoding: .utf8)
            #expect(text == "{\"cwd\":null}\n{}\n")
        }
    }

    /// A fake claude whose path and screens carry an address: `/status` shows one in its email and in a
    /// diagnostic, and every run fails while `FAKE_FAIL` is set (its failure names the command, so the address).
    private func fakeClaude(in home: TemporaryDirectory) -> String {
        let status = Fixtures.text("status-2.1.55.txt").replacingOccurrences(
            of: "Leftover npm global installation at ...",
            with: "Leftover npm global installation at /home/ops@example.com/.npm")
        let screen = home.write("status-screen.txt", status)
        return home.write(
            "bin/ops@example.com",
            """
            #!/bin/sh
            [ -n "$FAKE_FAIL" ] && exit 1
            case "$1" in
              /status) cat '\(screen)' ;;
              /usage) cat '\(Fixtures.path("usage-2.1.55.txt"))' ;;
            esac
            """, executable: true)
    }

    @Test("with both privacy options no address and no working directory reaches any log, whichever path wrote it")
    func everyWriter() throws {
        try withTemporaryDirectory { home throws in
            let workingDirectory = home.subdirectory("workingDirectory")
            let logs = home.path + "/logs"
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fakeClaude(in: home),
                "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs, "PET_PROBE_DIR": home.path + "/probe",
                "PET_ANONYMIZE_EMAIL": "1", "PET_EXCLUDE_CWD": "1", "PET_MAX_CONSECUTIVE_FAILURES": "1",
                "PET_USAGE_SOURCE": "command", "PET_ALERT_COMMAND": "/bin/cat", "PET_ALERT_THRESHOLDS": "1",
            ]
            // Probes and the diagnostics change log; the alerts they call for (alerts.jsonl).
            #expect(
                runCLI(["once"], environment: environment, currentDirectory: workingDirectory.path).code == .success)
            // The statusline's usage record.
            let input =
                #"{"session_id":"s","cwd":"\#(workingDirectory.path)","rate_limits":{"five_hour":{"used_percentage":5}}}"#
            #expect(runCLI(["statusline"], environment: environment, input: Array(input.utf8)).code == .success)
            // The hooks: a limit hit with a message naming the directory, and a session's row.
            let failure =
                #"{"hook_event_name":"StopFailure","session_id":"s","cwd":"\#(workingDirectory.path)","error":"rate_limit","last_assistant_message":"in \#(workingDirectory.path) as ops@example.com"}"#
            #expect(runCLI(["hook"], environment: environment, input: Array(failure.utf8)).code == .success)
            let project = home.path + "/.claude/projects/p"
            try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
            let line = TranscriptLines.assistant(message: "m", request: "r").replacingOccurrences(
                of: "/home/user/probe", with: workingDirectory.path)
            _ = FileManager.default.createFile(atPath: project + "/s.jsonl", contents: Data((line + "\n").utf8))
            let end = #"{"hook_event_name":"SessionEnd","session_id":"s","transcript_path":"\#(project)/s.jsonl"}"#
            #expect(runCLI(["hook"], environment: environment, input: Array(end.utf8)).code == .success)
            #expect(logRecords(logs + "/sessions.jsonl").count == 1)
            // `append`.
            let appended = #"{"cwd":"\#(workingDirectory.path)","note":"from ops@example.com","more":{"cwd":"x"}}"#
            #expect(
                runCLI(["append", "usage"], environment: environment, input: Array(appended.utf8)).code == .success)
            // The companion's switch-off records, whose message names the failing command.
            var failing = environment
            failing["FAKE_FAIL"] = "1"
            let context = CollectorContext(
                configuration: try Configuration(environment: failing), environment: failing,
                currentDirectory: workingDirectory.path)
            var companion = Companion(
                context: context, directory: LogDirectory(path: logs, reason: "test", isExplicit: true),
                cancellation: Cancellation(), idleExitMs: nil)
            _ = companion.run()

            let diagnostics = logRecords(logs + "/diagnostics.jsonl")
            #expect(diagnostics.filter { $0["diagnostic_type"] == .string("probe_disabled") }.count == 2)
            #expect(diagnostics.contains { $0["message"]?.stringValue?.contains("/home/sha256:") == true })
            #expect(
                logRecords(logs + "/usage.jsonl").compactMap { $0["usage_data"]?["source"]?.stringValue }.sorted()
                    == ["command", "command", "hook", "statusline"])
            #expect(logRecords(logs + "/status.jsonl").count == 2)
            for log in LogName.allCases {
                let text = try String(contentsOfFile: logs + "/" + log.fileName, encoding: .utf8)
                #expect(!text.contains("example.com"), "\(log.fileName)")
                #expect(!text.contains(workingDirectory.path), "\(log.fileName)")
                for record in logRecords(logs + "/" + log.fileName) where record["cwd"] != nil {
                    #expect(record["cwd"] == .null, "\(log.fileName)")
                }
            }
        }
    }

}
