import Foundation
import Testing

@testable import UsageLogger

/// The README's ready alert commands: each one a `PET_ALERT_COMMAND=` line the settings accept, split into `sh -c`
/// and a script that `sh` parses, and (with its notifier replaced by a recorder) delivering the alert's summary.
@Suite("README alert commands")
struct ReadmeAlertRecipeTests {
    static let commands: [String] = {
        let readme =
            (try? String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8))
            ?? ""
        let section = readme.components(separatedBy: "## Alerts\n").dropFirst().first ?? ""
        let block = section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first
        return (block ?? "").split(separator: "\n").filter { $0.hasPrefix("PET_ALERT_COMMAND=") }.map {
            String($0.dropFirst("PET_ALERT_COMMAND=".count))
        }
    }()

    @Test("there are ready commands for notify-send, macOS, ntfy and Slack")
    func present() {
        #expect(Self.commands.count == 4)
        for name in ["notify-send", "osascript", "ntfy.sh", "curl"] {
            #expect(Self.commands.contains { $0.contains(name) }, "\(name)")
        }
    }

    @Test("each is accepted as a setting, is `sh -c SCRIPT`, and the script is valid sh", arguments: commands)
    func parses(_ command: String) throws {
        let configuration = try Configuration(environment: ["PET_ALERT_COMMAND": command])
        let words = try #require(configuration.alertCommand)
        #expect(words.count == 3 && words[0] == "sh" && words[1] == "-c", "\(words)")
        let check = RealClaude.shell(["/bin/sh", "-n", "-c", words[2]])
        #expect(check.status == 0, "\(check.error)")
    }

    @Test("with its notifier replaced by a recorder, each gets the alert's summary from stdin", arguments: commands)
    func delivers(_ command: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/jq") else { return }
        try withTemporaryDirectory { directory in
            let bin = directory.subdirectory("bin")
            // Each notifier writes what it was given, arguments and stdin, to a file.
            for name in ["notify-send", "osascript", "curl"] {
                bin.write(
                    name, "#!/bin/sh\n{ printf '%s\\n' \"$@\"; cat; } >> '\(directory.path)/got'\n", executable: true)
            }
            directory.write(".config/usage-logger/slack-webhook", "https://hooks.example/x")
            let words = try #require(try Configuration(environment: ["PET_ALERT_COMMAND": command]).alertCommand)
            var event = AlertEvent(kind: .threshold, time: 0, window: "Current session")
            event.threshold = 95
            event.usedPercent = 96
            let outcome = AlertRunner(
                command: words,
                environment: ["PATH": bin.path + ":/usr/bin:/bin", "HOME": directory.path]
            ).run(event.json(host: "h"))
            #expect(outcome.succeeded, "\(outcome)")
            let got = (try? String(contentsOfFile: directory.path + "/got", encoding: .utf8)) ?? ""
            #expect(got.contains("Current session is at 96 %, past 95 %"), "\(got)")
        }
    }
}
