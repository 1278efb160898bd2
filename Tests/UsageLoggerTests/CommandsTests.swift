import Foundation
import Testing

@testable import UsageLogger

@Suite("Schedule")
struct ScheduleTests {
    @Test(
        "due after one interval, less a little slack for cron's start-up jitter",
        arguments: [
            (nil as Double?, true), (30, false), (54, false), (56, true), (600, true),
        ])
    func due(secondsAgo: Double?, expected: Bool) throws {
        let configuration = try Configuration(environment: ["HOME": "/nonexistent"])
        var state = LoggerState()
        let now = Date()
        if let secondsAgo { state.lastAttempt[.usage] = now.addingTimeInterval(-secondsAgo) }
        #expect(DueSchedule.isDue(.usage, state: state, configuration: configuration, now: now) == expected)
    }
}

@Suite("append command")
struct AppendCommandTests {
    @Test("valid lines are written, a timestamp added first when missing; bad lines are named and skipped (65)")
    func appendLines() throws {
        let home = TemporaryDirectory()
        let input = """
            {"timestamp":"2026-01-01T00:00:00.000Z","usage_data":{"source":"mine"}}
            {"usage_data":{"source":"mine"},"user":"user@example.com"}
            not json
            [1,2]

            {"ok":true}
            """
        let (code, output) = runCLI(
            ["append", "usage"],
            environment: ["HOME": home.path, "PET_LOG_DIR": home.path + "/logs", "PET_ANONYMIZE_EMAIL": "1"],
            input: Array(input.utf8))
        #expect(code == .dataError)
        #expect(output.standardError.contains("line 3: unexpected character at byte 1; not written"))
        #expect(output.standardError.contains("line 4: not a JSON object"))
        let written = try String(contentsOfFile: home.path + "/logs/usage.jsonl", encoding: .utf8).split(
            separator: "\n")
        #expect(written.count == 3)
        #expect(written[0] == #"{"timestamp":"2026-01-01T00:00:00.000Z","usage_data":{"source":"mine"}}"#)
        #expect(written[1].hasPrefix(#"{"timestamp":"20"#))
        #expect(!written[1].contains("user@example.com"))
    }

    @Test("all good lines exit 0; an unknown log or a missing file are usage and input errors")
    func exits() {
        let home = TemporaryDirectory()
        let environment = ["HOME": home.path, "PET_LOG_DIR": home.path + "/logs"]
        #expect(
            runCLI(["append", "diagnostics"], environment: environment, input: Array("{}\n".utf8)).code == .success)
        #expect(runCLI(["append", "usages"], environment: environment).code == .usage)
        #expect(runCLI(["append", "usage", "/nonexistent/file"], environment: environment).code == .noInput)
    }
}

@Suite("config command and config file")
struct ConfigCommandTests {
    @Test("values come from the environment over the file over the default, each with its source")
    func sources() throws {
        let home = TemporaryDirectory()
        let file = home.write(
            ".config/usage-logger/config.env",
            "# mine\nPET_LOG_MAX_FILES=4\nexport PET_USAGE_LOG_INTERVAL=\"120000\"\nPET_COMMAND_TIMOUT=5\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let (code, output) = runCLI(["config", "--json"], environment: ["HOME": home.path, "PET_LOG_MAX_FILES": "7"])
        #expect(code == .success)
        let json = try JSONParser.parse(output.standardOutput)
        let settings = json["settings"]?.arrayValue ?? []
        func entry(_ name: String) -> (String?, String?) {
            let item = settings.first { $0["name"]?.stringValue == name }
            return (item?["value"]?.stringValue, item?["source"]?.stringValue)
        }
        #expect(entry("PET_LOG_MAX_FILES") == ("7", "environment"))
        #expect(entry("PET_USAGE_LOG_INTERVAL") == ("120000", "file"))
        #expect(entry("PET_LOG_MAX_SIZE") == ("10MB", "default"))
        #expect(settings.count == Setting.all.count)
        #expect(json["log_directory"]?["path"]?.stringValue == home.path + "/.claude/pets/logs")
        #expect(
            output.standardError.contains(
                "PET_COMMAND_TIMOUT (in \(file)) is not a usage-logger setting; did you mean PET_COMMAND_TIMEOUT?"))
        let text = runCLI(["config"], environment: ["HOME": home.path]).output.standardOutput
        let line = text.split(separator: "\n").first { $0.hasPrefix("PET_USAGE_LOG_INTERVAL ") }
        #expect(line?.hasSuffix(" 120000  [file]") == true)
        #expect(text.contains("Logging is off"))
    }

    @Test("a config file others can write is refused with exit 78")
    func unsafeFile() throws {
        let home = TemporaryDirectory()
        let file = home.write(".config/usage-logger/config.env", "PET_CLAUDE_COMMAND=/tmp/evil\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file)
        let (code, output) = runCLI(["config"], environment: ["HOME": home.path])
        #expect(code == .configuration)
        #expect(output.standardError.contains("group or others can write it; run chmod go-w"))
    }

    @Test(
        "bad values stop every command with exit 78, naming variable, value and what is allowed",
        arguments: [
            ("PET_USAGE_LOG_INTERVAL", "99", "at least 100"), ("PET_STATUS_LOG_INTERVAL", "hourly", "milliseconds"),
            ("PET_LOG_MAX_SIZE", "10 megs", "KB, MB or GB"), ("PET_LOG_MAX_SIZE", "0", "above zero"),
            ("PET_LOG_MAX_FILES", "0", "at least 1"), ("PET_LOG_STORAGE_TYPE", "csv", "jsonl, sqlite or hybrid"),
            ("PET_LOG_STORAGE_TYPE", "sqlite", "not available yet"), ("PET_USAGE_LOGGING_ENABLED", "perhaps", "yes/no"),
            ("PET_ANONYMIZE_EMAIL", "2", "true/false"), ("PET_LOG_MIN_FREE", "-1MB", "above zero"),
        ])
    func badValues(name: String, value: String, allowed: String) {
        for command in [["config"], ["once"], ["doctor"], ["append", "usage"]] {
            let (code, output) = runCLI(command, environment: [name: value])
            #expect(code == .configuration)
            #expect(output.standardError.hasPrefix("usage-logger: \(name)='\(value)' is not valid: "))
            #expect(output.standardError.contains(allowed))
        }
    }

    @Test("sizes accept bytes and KB/MB/GB in any case")
    func sizes() throws {
        for (text, bytes) in [("512", 512), ("1kb", 1024), ("10MB", 10 << 20), ("1.5 GB", 3 << 29), ("2M", 2 << 20)]
            as [(String, Int64)]
        {
            // PET_LOG_MIN_FREE: PET_LOG_MAX_SIZE allows only 1KB to 1GB, and 512 and 1.5 GB are outside it.
            #expect(
                try Configuration(environment: ["HOME": "/nonexistent", "PET_LOG_MIN_FREE": text]).minimumFreeSpace
                    == bytes)
        }
    }
}

@Suite("doctor command", .serialized)
struct DoctorCommandTests {
    @Test("healthy with claude found and signed in; the email masked when asked; never a token")
    func healthy() throws {
        let fake = FakeClaude(
            sample: nil,
            """
            case "$1" in
              --version) echo '2.1.330 (Claude Code)' ;;
              auth) cat '\(Fixtures.path("auth-status.json"))' ;;
            esac
            """)
        let home = TemporaryDirectory()
        let environment = [
            "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
            "PET_USAGE_LOGGING_ENABLED": "true",
            "PET_ANONYMIZE_EMAIL": "true",
        ]
        #expect(runCLI(["append", "usage"], environment: environment, input: Array("{}\n".utf8)).code == .success)
        let (code, output) = runCLI(["doctor"], environment: environment)
        let text = output.standardOutput
        #expect(code == .success, "\(text)")
        #expect(text.contains("✔ claude: 2.1.330 (Claude Code)"))
        #expect(text.contains("✔ signed in: sha256:"))
        #expect(text.contains("max"))
        #expect(!text.contains("user@example.com"))
        #expect(text.contains("✔ usage.jsonl: last record"))
        #expect(text.contains("✔ log directory: \(home.path)/.claude/pets/logs (mode 700)"))
        #expect(text.hasSuffix("healthy\n"))
    }

    @Test("a missing claude fails with a fix, exit 1")
    func missingClaude() {
        let home = TemporaryDirectory()
        let (code, output) = runCLI(["doctor"], environment: ["HOME": home.path, "PATH": home.path])
        #expect(code == .failure)
        #expect(output.standardOutput.contains("✘ claude: PET_CLAUDE_COMMAND: 'claude' was not found on PATH"))
        #expect(output.standardOutput.contains("fix: install Claude Code"))
    }

    @Test("a log that is not a regular file is a failure")
    func badLogFile() throws {
        let fake = FakeClaude(sample: nil, "echo '2.1.1 (Claude Code)'")
        let home = TemporaryDirectory()
        let logs = home.path + "/logs"
        try FileManager.default.createDirectory(atPath: logs + "/status.jsonl", withIntermediateDirectories: true)
        let (code, output) = runCLI(
            ["doctor"],
            environment: [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path, "PET_LOG_DIR": logs,
            ])
        #expect(code == .failure)
        #expect(output.standardOutput.contains("✘ status.jsonl: \(logs)/status.jsonl is not a regular file"))
    }
}
