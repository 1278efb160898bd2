import Foundation
import Testing

@testable import UsageLogger

@Suite("config command and config file")
struct ConfigCommandTests {
    @Test("values come from the environment over the file over the default, each with its source")
    func sources() throws {
        try withTemporaryDirectory { home in
            let file = home.write(
                ".config/usage-logger/config.env",
                "# mine\nPET_LOG_MAX_FILES=4\nexport PET_USAGE_LOG_INTERVAL=\"120000\"\nPET_COMMAND_TIMOUT=5\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            let (code, output) = runCLI(
                ["config", "--json"], environment: ["HOME": home.path, "PET_LOG_MAX_FILES": "7"])
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
    }

    @Test("settings whose default is computed show what they come to, and the paths below line up")
    func computedValues() throws {
        try withTemporaryDirectory { home in
            let environment = ["HOME": home.path, "PET_CLAUDE_COMMAND": "/opt/my claude/claude"]
            let (code, output) = runCLI(["config"], environment: environment)
            #expect(code == .success)
            let text = output.standardOutput
            #expect(!text.contains("(computed)"))
            let lines = text.split(separator: "\n").map(String.init)
            func value(_ name: String) -> String? {
                lines.first { $0.hasPrefix(name + " ") }.map {
                    String($0.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
                }
            }
            let logs = home.path + "/.claude/pets/logs"
            #expect(value("PET_LOG_DIR") == "\(logs)  [default]")
            #expect(value("PET_LOG_DB_PATH") == "\(logs)/usage.db  [default]")
            #expect(value("PET_COMPANION_IDLE_EXIT") == "never  [default]")
            #expect(value("PET_STATUS_COMMAND") == "'/opt/my claude/claude' /status  [default]")
            #expect(value("PET_USAGE_COMMAND") == "'/opt/my claude/claude' /usage  [default]")
            #expect(value("PET_PROBE_DIR") == "\(home.path)/.local/state/usage-logger/probe  [default]")
            let labelled = lines.filter {
                $0.hasPrefix("Config file:") || $0.hasPrefix("Log directory:") || $0.hasPrefix("Probe directory:")
            }
            #expect(labelled.count == 3)
            let columns = Set(
                labelled.map { line in line.firstIndex(of: "/").map { line.distance(from: line.startIndex, to: $0) } })
            #expect(columns == [17], "\(labelled)")

            let json = try JSONParser.parse(
                runCLI(["config", "--json"], environment: environment).output.standardOutput)
            let settings = json["settings"]?.arrayValue ?? []
            func computed(_ name: String) -> JSONValue? {
                settings.first { $0["name"]?.stringValue == name }?["computed"]
            }
            #expect(computed("PET_COMPANION_IDLE_EXIT") == .string("never"))
            #expect(computed("PET_LOG_DB_PATH") == .string(logs + "/usage.db"))
            #expect(computed("PET_LOG_MAX_SIZE") == .null)
        }
    }

    @Test("a config file others can write is refused with exit 78")
    func unsafeFile() throws {
        try withTemporaryDirectory { home in
            let file = home.write(".config/usage-logger/config.env", "PET_CLAUDE_COMMAND=/tmp/evil\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file)
            let (code, output) = runCLI(["config"], environment: ["HOME": home.path])
            #expect(code == .configuration)
            #expect(output.standardError.contains("group or others can write it; run chmod go-w"))
        }
    }

    @Test(
        "bad values stop every command with exit 78, naming variable, value and what is allowed",
        arguments: [
            ("PET_USAGE_LOG_INTERVAL", "99", "at least 100"), ("PET_STATUS_LOG_INTERVAL", "hourly", "milliseconds"),
            ("PET_LOG_MAX_SIZE", "10 megs", "KB, MB or GB"), ("PET_LOG_MAX_SIZE", "0", "above zero"),
            ("PET_LOG_MAX_FILES", "0", "at least 1"), ("PET_LOG_STORAGE_TYPE", "csv", "jsonl, sqlite or hybrid"),
            ("PET_LOG_STORAGE_TYPE", "mysql", "jsonl, sqlite or hybrid"),
            ("PET_USAGE_LOGGING_ENABLED", "perhaps", "yes/no"),
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
