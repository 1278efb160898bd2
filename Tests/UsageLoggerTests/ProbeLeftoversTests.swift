import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A probe removes only what its own `claude` left, and runs only in a directory of its own.
@Suite("Probe leftovers and the probe directory", .serialized, .timeLimit(.minutes(1)))
struct ProbeLeftoversTests {
    static let ourSession = "0b6f6a52-7d0e-4c8e-9a51-2f4d1c9e8a10"
    static let userSession = "5c1e9f0a-1111-4222-8333-944455556666"

    /// A fake claude that leaves what the real one does: its session files (named by its pid, naming the probe
    /// directory and its session), a transcript whose lines carry its cwd, and a session folder.
    static let leavesItsFiles = """
        config="$CLAUDE_CONFIG_DIR"; slug=$(printf '%s' "$PWD" | sed 's/[^A-Za-z0-9]/-/g')
        mkdir -p "$config/sessions" "$config/projects/$slug/\(ourSession)/subagents"
        printf '{"pid":%s,"sessionId":"\(ourSession)","cwd":"%s"}' $$ "$PWD" > "$config/sessions/$$.json"
        echo secret > "$config/sessions/$$.abc123.key"
        printf '{"type":"user","cwd":"%s","sessionId":"\(ourSession)"}\\n' "$PWD" > "$config/projects/$slug/\(ourSession).jsonl"
        """

    private func environment(_ fake: FakeClaude, home: String, probe: String) -> [String: String] {
        [
            "HOME": home, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path, "PET_PROBE_DIR": probe,
            "CLAUDE_CONFIG_DIR": home + "/.claude",
        ]
    }

    private func probe(_ fake: FakeClaude, home: String, probe directory: String) throws -> ProbeResult {
        let environment = environment(fake, home: home, probe: directory)
        return Prober(configuration: try Configuration(environment: environment), environment: environment).run(.usage)
    }

    @Test("the probe's session files, transcript and session folder go; the user's, in a colliding folder, stay")
    func onlyOurs() throws {
        try withTemporaryDirectory { home throws in
            // `/x/probe-a` (ours, `…/probe/a`) and a user's `/x/probe-a` share one project folder.
            let probeDirectory = home.path + "/probe/a"
            let folder = home.path + "/.claude/projects/" + ProbeDirectory.slug(for: probeDirectory)
            let userProject = home.path + "/probe-a"
            home.write(
                ".claude/projects/\(ProbeDirectory.slug(for: probeDirectory))/old.jsonl",
                "{\"cwd\":\"\(probeDirectory)\"}\n")
            home.write(".claude/sessions/1.json", "{\"pid\":1,\"cwd\":\"/elsewhere\"}")
            // The user's session writes its transcript in the same folder while our probe runs.
            let userTranscript = folder + "/\(Self.userSession).jsonl"
            let fake = FakeClaude(
                in: home,
                sample: "usage-2.1.55.txt",
                Self.leavesItsFiles
                    + "\nprintf '{\"cwd\":\"\(userProject)\"}\\n' > '\(userTranscript)'\nexit 0")
            let result = try probe(fake, home: home.path, probe: probeDirectory)
            #expect(result.failure == nil)
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            #expect(left == ["old.jsonl", "\(Self.userSession).jsonl"])  // ours gone, what was there before stays
            #expect(try FileManager.default.contentsOfDirectory(atPath: home.path + "/.claude/sessions") == ["1.json"])
        }
    }

    @Test("the probe asks claude to keep its slash command out of the user's prompt history")
    func noPromptHistory() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(
                in: home, sample: "usage-2.1.55.txt", "echo \"$CLAUDE_CODE_SKIP_PROMPT_HISTORY\" > \"$0.history\"")
            #expect(try probe(fake, home: home.path, probe: home.path + "/probe").failure == nil)
            #expect(try String(contentsOfFile: fake.path + ".history", encoding: .utf8) == "1\n")
        }
    }

    @Test("a transcript is removed only because our probe wrote it, not because of the folder it is in")
    func notByFolderAlone() throws {
        try withTemporaryDirectory { home throws in
            let probeDirectory = home.path + "/probe"
            let folder = ".claude/projects/" + ProbeDirectory.slug(for: probeDirectory)
            home.write(folder + "/\(Self.userSession).jsonl", "{\"cwd\":\"\(probeDirectory)\"}\n")
            home.write(folder + "/notes.txt", "keep\n")
            let fake = FakeClaude(in: home, sample: "usage-2.1.55.txt")
            #expect(try probe(fake, home: home.path, probe: probeDirectory).failure == nil)
            #expect(
                Set(try FileManager.default.contentsOfDirectory(atPath: home.path + "/" + folder))
                    == ["\(Self.userSession).jsonl", "notes.txt"])
        }
    }

    @Test(
        "directories that are not ours are refused and left as they are",
        arguments: ["home", "project", "shared 1777", "another user's", "others can write"])
    func refused(kind: String) throws {
        try withTemporaryDirectory { home throws in
            let directory: String
            switch kind {
            case "home":
                directory = home.path
                home.write(".profile", "export EDITOR=vi\n")
            case "project":
                directory = home.path + "/project"
                home.write("project/main.swift", "print(1)\n")
            default:
                directory = home.path + "/place"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            }
            chmod(directory, kind == "shared 1777" ? 0o1777 : kind == "others can write" ? 0o777 : 0o755)
            if kind == "another user's" { chown(directory, 65_534, 65_534) }
            let before = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
            let fake = FakeClaude(in: home, sample: "usage-2.1.55.txt", "touch \"$0.ran\"")
            let entries = try FileManager.default.contentsOfDirectory(atPath: directory)
            let result = try probe(fake, home: home.path, probe: directory)
            #expect(result.failure?.contains("not usage-logger's own probe directory") == true, "\(kind)")
            #expect(FileSystem.kind(of: fake.path + ".ran") == .missing)
            #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == entries)
        }
    }

    @Test("a new directory is made 0700 and marked; an empty one of the user's is adopted and marked")
    func ours() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(in: home, sample: "usage-2.1.55.txt")
            #expect(try probe(fake, home: home.path, probe: home.path + "/new/probe").failure == nil)
            #expect(FileSystem.kind(of: home.path + "/new/probe/.usage-logger-probe") == .regular)
            let mode = try FileManager.default.attributesOfItem(atPath: home.path + "/new/probe")[.posixPermissions]
            #expect(mode as? Int == 0o700)
            try FileManager.default.createDirectory(atPath: home.path + "/empty", withIntermediateDirectories: false)
            chmod(home.path + "/empty", 0o750)
            #expect(try probe(fake, home: home.path, probe: home.path + "/empty").failure == nil)
            #expect(FileSystem.kind(of: home.path + "/empty/.usage-logger-probe") == .regular)
        }
    }
}
