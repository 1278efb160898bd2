import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger probe` end to end, in-process, against fake `claude` scripts.
@Suite("probe command", .serialized, .timeLimit(.minutes(1)))
struct ProbeCommandTests {
    @Test("probe status prints the record and exits 0, leaving no process")
    func status() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: "status-2.1.55.txt", FakeClaude.waitForKey)
            let (code, output) = runCLI(["probe", "status"], environment: probeEnvironment(fake, home: home))
            #expect(code == .success)
            let json = output.json
            #expect(json?["version"] as? String == "2.1.55")
            #expect(json?["email"] as? String == "user@example.com")
            #expect(
                (json?["diagnostics"] as? [String: Any])?["warnings"] as? [String] == [
                    "Running native installation but config install method is 'global'",
                    "Leftover npm global installation at ...",
                ])
            #expect((json?["probe"] as? [String: Any])?["timed_out"] as? Bool == false)
            #expect(json?["raw"] == nil)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("probe usage records windows; PET_LOGGING_DEBUG keeps the raw text")
    func usage() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: "usage-2.1.55.txt")
            let (code, output) = runCLI(
                ["probe", "usage"], environment: probeEnvironment(fake, home: home, ["PET_LOGGING_DEBUG": "yes"]))
            #expect(code == .success)
            let data = output.json?["usage_data"] as? [String: Any]
            #expect(data?["state"] as? String == "ok")
            #expect((data?["windows"] as? [[String: Any]])?.count == 3)
            #expect(data?["source"] as? String == "command")
            #expect((output.json?["raw"] as? String)?.contains("Current session") == true)
        }
    }

    @Test("windows that load after the cost block are waited for")
    func windowsAfterCostBlock() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(
                in: home, sample: "usage-2.1.330-api-screen.txt",
                """
                printf '  Loading usage data…\n'
                "$sleeper" 1.5
                printf '\033[2J\033[H'
                cat '\(Fixtures.path("usage-2.1.55.txt"))'
                \(FakeClaude.waitForKey)
                """)
            let (code, output) = runCLI(["probe", "usage"], environment: probeEnvironment(fake, home: home))
            #expect(code == .success)
            let windows = (output.json?["usage_data"] as? [String: Any])?["windows"] as? [[String: Any]]
            #expect(windows?.count == 3)
        }
    }

    @Test("only the probe directory's own transcripts are removed")
    func transcripts() throws {
        try withTemporaryDirectory { home throws in
            // Like Claude Code, the fake writes its session's transcript in the projects folder named after its
            // working directory; it also lists that folder, to prove the transcript was there during the probe.
            let fake = FakeClaude(
                in: home, sample: "status-2.1.55.txt",
                """
                projects="${CLAUDE_CONFIG_DIR:-$HOME/.claude}/projects/$(pwd -P | sed 's/[^A-Za-z0-9]/-/g')"
                mkdir -p "$projects"
                printf '{"cwd":"%s"}\\n' "$(pwd -P)" > "$projects/0b6f6a52-7d0e-4c8e-9a51-2f4d1c9e8a10.jsonl"
                ls -A "$projects" > "$(dirname "$0")/during-probe.txt"
                """)
            let probe = home.path + "/probe"
            let ours = home.path + "/.claude/projects/" + ProbeDirectory.slug(for: probe)
            let theirs = home.path + "/.claude/projects/-home-user-project"
            home.write(".claude/projects/\(ProbeDirectory.slug(for: probe))/notes.txt", "keep\n")
            home.write(".claude/projects/-home-user-project/0b6f6a52-7d0e-4c8e-9a51-2f4d1c9e8a10.jsonl", "{}\n")
            let (code, _) = runCLI(["probe", "status"], environment: probeEnvironment(fake, home: home))
            #expect(code == .success)
            // Beside the notes, so in the folder checked below.
            let during = try String(contentsOfFile: fake.directory.path + "/bin/during-probe.txt", encoding: .utf8)
            #expect(during == "0b6f6a52-7d0e-4c8e-9a51-2f4d1c9e8a10.jsonl\nnotes.txt\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: ours) == ["notes.txt"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: theirs).count == 1)
        }
    }

    @Test("the trust prompt is answered, Down then Enter, in the dedicated probe directory")
    func trustAccepted() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: nil, TrustPromptScript.body)
            let (code, output) = runCLI(["probe", "status"], environment: probeEnvironment(fake, home: home))
            #expect(code == .success, "\(output.standardError)")
            #expect(output.json?["version"] as? String == "2.1.55")
        }
    }

    @Test("a probe directory that is not ours is refused before claude starts: exit 73, the reason, nothing changed")
    func notOurDirectory() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(in: home, sample: nil, "touch \"$0.ran\"\n" + TrustPromptScript.body)
            home.write("project/README.md", "a user's project\n")
            chmod(home.path + "/project", 0o755)
            let (code, output) = runCLI(
                ["probe", "status"],
                environment: probeEnvironment(fake, home: home, ["PET_PROBE_DIR": home.path + "/project"]))
            #expect(code == .cannotCreate)
            #expect((output.json?["error"] as? String)?.contains("not usage-logger's own probe directory") == true)
            #expect(output.standardError.contains("PET_PROBE_DIR=\(home.path)/project"))
            #expect(FileSystem.kind(of: fake.path + ".ran") == .missing)
            let attributes = try FileManager.default.attributesOfItem(atPath: home.path + "/project")
            #expect(attributes[.posixPermissions] as? Int == 0o755)
            #expect(try FileManager.default.contentsOfDirectory(atPath: home.path + "/project") == ["README.md"])
        }
    }

    @Test("a /usage error panel is recorded and exits 69")
    func usageError() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: "usage-error-expired.txt")
            let (code, output) = runCLI(["probe", "usage"], environment: probeEnvironment(fake, home: home))
            #expect(code == .unavailable)
            let error = (output.json?["usage_data"] as? [String: Any])?["error"] as? [String: Any]
            #expect(error?["type"] as? String == "authentication_error")
            #expect(output.standardError.contains("authentication_error"))
        }
    }

    @Test("output with nothing recognisable exits 65 with an error field and the raw text")
    func unparsable() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: nil, "echo 'Welcome to something else entirely'")
            let (code, output) = runCLI(["probe", "status"], environment: probeEnvironment(fake, home: home))
            #expect(code == .dataError)
            #expect(output.json?["error"] as? String != nil)
            #expect((output.json?["raw"] as? String)?.contains("Welcome to something else") == true)
        }
    }

    @Test("a command that hangs times out: exit 69, the record says so, nothing is left")
    func timeout() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: nil, "echo 'Loading usage data…'\nexec \"$sleeper\" 1000")
            let (code, output) = runCLI(
                ["probe", "usage"],
                environment: probeEnvironment(fake, home: home, ["PET_COMMAND_TIMEOUT": "700"]))
            #expect(code == .unavailable)
            #expect((output.json?["probe"] as? [String: Any])?["timed_out"] as? Bool == true)
            #expect((output.json?["usage_data"] as? [String: Any])?["state"] as? String == "loading")
            #expect(output.standardError.contains("PET_COMMAND_TIMEOUT"))
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("claude exiting with an error exits 69 with its status in the record")
    func failing() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: nil, "echo 'boom' >&2\nexit 3")
            let (code, output) = runCLI(["probe", "status"], environment: probeEnvironment(fake, home: home))
            #expect(code == .unavailable)
            #expect(output.standardError.contains("exited with status 3"))
        }
    }

    @Test("a missing or non-executable command names the variable and exits 69")
    func missingCommand() {
        withTemporaryDirectory { home in
            let missing = runCLI(
                ["probe", "status"],
                environment: ["HOME": home.path, "PATH": home.path, "PET_PROBE_DIR": home.path + "/p"])
            #expect(missing.code == .unavailable)
            #expect(missing.output.standardError.contains("PET_CLAUDE_COMMAND: 'claude' was not found on PATH"))
            let plain = home.write("not-executable", "#!/bin/sh\n")
            let notExecutable = runCLI(
                ["probe", "usage"],
                environment: [
                    "HOME": home.path, "PET_USAGE_COMMAND": "\(plain) /usage", "PET_PROBE_DIR": home.path + "/p",
                ])
            #expect(notExecutable.code == .unavailable)
            #expect(
                notExecutable.output.standardError.contains("PET_USAGE_COMMAND: '\(plain)' is not an executable file"))
        }
    }

    @Test("PET_USAGE_COMMAND runs exactly the given argv, never through a shell")
    func customCommand() {
        withTemporaryDirectory { home in
            let script = home.write(
                "show-args", "#!/bin/sh\nprintf 'Current session\\n%s%% used\\n' \"$#\"\n", executable: true)
            let (code, output) = runCLI(
                ["probe", "usage"],
                environment: [
                    "HOME": home.path, "PET_USAGE_COMMAND": "\(script) 'a b' ;c", "PET_PROBE_DIR": home.path + "/p",
                ])
            #expect(code == .success)
            let windows = (output.json?["usage_data"] as? [String: Any])?["windows"] as? [[String: Any]]
            #expect(windows?.first?["used_percent"] as? Int == 2)
        }
    }

    @Test("the child does not see Claude Code's nesting markers")
    func childEnvironment() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(
                in: home, sample: nil, "printf 'Version: 2.1.1\\nEmail: %s@example.com\\n' \"${CLAUDECODE:-clean}\"")
            let (_, output) = runCLI(
                ["probe", "status"], environment: probeEnvironment(fake, home: home, ["CLAUDECODE": "1"]))
            #expect(output.json?["email"] as? String == "clean@example.com")
        }
    }

    @Test("a probe directory that cannot be created exits 73")
    func probeDirectoryProblem() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: "status-2.1.55.txt")
            let file = home.write("a-file", "x")
            let (code, output) = runCLI(
                ["probe", "status"], environment: probeEnvironment(fake, home: home, ["PET_PROBE_DIR": file + "/probe"])
            )
            #expect(code == .cannotCreate)
            #expect(output.standardError.contains("PET_PROBE_DIR"))
        }
    }
}

/// A fake trust prompt: shows the real prompt, waits for Down then Enter like Claude Code, then the dialog.
enum TrustPromptScript {
    static let body = """
        stty raw -echo
        cat '\(Fixtures.path("trust-prompt-2.1.330-screen.txt"))'
        key=$(dd bs=3 count=1 2>/dev/null | od -An -c | tr -d ' ')
        [ "$key" = '033[B' ] || { echo "unexpected key $key"; exit 2; }
        printf '\\033[2J\\033[H Accessing workspace:\\r\\n   No, exit\\r\\n ❯ Yes, I trust this folder\\r\\n'
        key=$(dd bs=1 count=1 2>/dev/null | od -An -c | tr -d ' ')
        [ "$key" = '\\r' ] || { echo "unexpected key $key"; exit 2; }
        printf '\\033[2J\\033[H'
        cat '\(Fixtures.path("status-2.1.55.txt"))'
        dd bs=1 count=1 >/dev/null 2>&1
        """
}
