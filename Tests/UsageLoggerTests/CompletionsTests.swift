import Testing

@testable import UsageLogger

@Suite("Shell completions")
struct CompletionsTests {
    /// How a shell's script names a flag: fish declares `-l due`, the others write `--due`.
    static func spelling(_ option: String, in shell: Completions.Shell) -> String {
        shell == .fish ? "-l " + option.dropFirst(2) : option
    }

    @Test("`completions SHELL` prints the script and exits 0", arguments: Completions.Shell.allCases)
    func command(shell: Completions.Shell) {
        let result = runCLI(["completions", shell.rawValue])
        #expect(result.code == .success)
        #expect(result.output.standardOutput == Completions.script(for: shell))
        #expect(result.output.standardError.isEmpty)
    }

    @Test(
        "each script mentions every command, every visible flag and every listed word; no hidden option",
        arguments: Completions.Shell.allCases)
    func complete(shell: Completions.Shell) {
        let script = Completions.script(for: shell)
        for spec in Command.allCases.map(\.spec) {
            #expect(script.contains(spec.name), "\(shell): \(spec.name)")
            for option in spec.visibleOptions {
                #expect(script.contains(Self.spelling(option.name, in: shell)), "\(shell): \(spec.name) \(option.name)")
            }
            for argument in spec.arguments where !argument.values.isEmpty {
                #expect(script.contains(argument.values.joined(separator: " ")), "\(shell): \(spec.name)")
            }
        }
        for option in Command.program.visibleOptions {
            #expect(script.contains(Self.spelling(option.name, in: shell)), "\(shell): \(option.name)")
        }
        #expect(!script.contains("lock-fd"))
        #expect(!script.contains("recycle"))
    }

    @Test("the bash script passes bash -n", .enabled(if: ShellScript.find("bash") != nil))
    func bash() throws {
        let result = try #require(ShellScript.run("bash", ["-n"], input: Completions.script(for: .bash)))
        #expect(result.status == 0, "\(result.error)")
    }

    @Test("the zsh script passes zsh -n", .enabled(if: ShellScript.find("zsh") != nil))
    func zsh() throws {
        let result = try #require(ShellScript.run("zsh", ["-n"], input: Completions.script(for: .zsh)))
        #expect(result.status == 0, "\(result.error)")
    }

    @Test("the fish script passes fish --no-execute", .enabled(if: ShellScript.find("fish") != nil))
    func fish() throws {
        let result = try #require(ShellScript.run("fish", ["--no-execute"], input: Completions.script(for: .fish)))
        #expect(result.status == 0, "\(result.error)")
    }

    @Test("bash offers the words allowed at the cursor's position", .enabled(if: ShellScript.find("bash") != nil))
    func bashBehaviour() throws {
        let probe = """
            \(Completions.script(for: .bash))
            t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _usage_logger
                echo "${COMPREPLY[*]}" >&2; }
            t usage-logger onc
            t usage-logger once ''
            t usage-logger once status ''
            t usage-logger once --
            t usage-logger completions ''
            t usage-logger run --idle-exit ''
            """
        let result = try #require(ShellScript.run("bash", [], input: probe))
        #expect(result.status == 0)
        #expect(result.error == "once\nusage status all\n\n--due --help\nbash zsh fish\n\n")
    }

    @Test("descriptions are the first clause of the help")
    func summary() {
        #expect(Completions.summary("exit when idle (30m, 2h); also X. More") == "exit when idle")
        #expect(Completions.summary("indent the JSON") == "indent the JSON")
        #expect(Completions.summary("show it. Then more") == "show it")
    }
}
