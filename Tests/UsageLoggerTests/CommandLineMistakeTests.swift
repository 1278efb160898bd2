import Foundation
import Testing

@testable import UsageLogger

@Suite("Command-line mistakes")
struct CommandLineMistakeTests {
    @Test(
        "a typo gets one message form: the problem, a did-you-mean, where to read more",
        arguments: [
            (
                ["--verison"],
                "unknown option '--verison'; did you mean '--version'? Run 'usage-logger --help'."
            ),
            (
                ["config", "--jsno"],
                "unknown option '--jsno' for config; did you mean '--json'? Run 'usage-logger help config'."
            ),
            (
                ["append", "usgae"],
                "unknown log 'usgae' for append (usage, status or diagnostics); did you mean 'usage'? "
                    + "Run 'usage-logger help append'."
            ),
            (
                ["help", "onec"],
                "unknown command 'onec' for help; did you mean 'once'? Run 'usage-logger --help'."
            ),
            (
                ["status"],
                "unknown command 'status'; did you mean 'probe status'? Run 'usage-logger --help'."
            ),
            (
                ["usage"],
                "unknown command 'usage'; did you mean 'probe usage'? Run 'usage-logger --help'."
            ),
            (
                ["parse", "status", "--prety"],
                "unknown option '--prety' for parse; did you mean '--pretty'? Run 'usage-logger help parse'."
            ),
        ])
    func hint(arguments: [String], message: String) {
        let result = runCLI(arguments)
        #expect(result.code == .usage)
        #expect(result.output.standardError == "usage-logger: " + message + "\n")
        #expect(result.output.standardOutput.isEmpty)
    }

    @Test("without a close word the message still ends in a period before where to read more")
    func punctuation() {
        let result = runCLI(["xyzzy"])
        #expect(result.code == .usage)
        #expect(result.output.standardError == "usage-logger: unknown command 'xyzzy'. Run 'usage-logger --help'.\n")
        for arguments in [["stats"], ["parse", "status", "--prety"], ["once", "--bogus"], ["doctor", "now"]] {
            let error = runCLI(arguments).output.standardError
            #expect(!error.contains("?."), "\(arguments): \(error)")
            #expect(!error.contains("' Run"), "\(arguments): \(error)")
            #expect(error.hasSuffix("'.\n"), "\(arguments): \(error)")
        }
    }

    @Test(
        "bad combinations exit 64 instead of running part of what was asked",
        arguments: [
            (["once", "status", "usage"], "once takes one kind, not both 'status' and 'usage'"),
            (["once", "usage", "usage"], "once takes one kind; 'usage' is given twice"),
            (["once", "all", "status"], "once takes one kind, not both 'all' and 'status'"),
            (["parse", "status", "a.txt", "b.txt"], "parse takes one file, not both 'a.txt' and 'b.txt'"),
            (["append", "usage", "a.jsonl", "b.jsonl"], "append takes one file, not both 'a.jsonl' and 'b.jsonl'"),
            (["probe", "status", "usage"], "probe takes one kind, not both 'status' and 'usage'"),
            (["probe", "status", "extra"], "unexpected argument 'extra' for probe"),
            (["once", "--due", "--due"], "--due is given twice"),
            (["doctor", "now"], "doctor takes no arguments, not 'now'"),
            (["probe"], "probe needs a kind: status or usage"),
            (["append"], "append needs a log: usage, status or diagnostics"),
            (["run", "--idle-exit"], "--idle-exit needs a value: DURATION"),
            (["config", "--json=yes"], "--json takes no value, not 'yes'"),
            (["help", "once", "--man"], "--man prints the whole manual; leave out 'once' or --man"),
            (["version", "extra"], "version takes no arguments, not 'extra'"),
        ])
    func badCombination(arguments: [String], problem: String) {
        let result = runCLI(arguments)
        #expect(result.code == .usage)
        #expect(result.output.standardError.hasPrefix("usage-logger: " + problem))
        #expect(result.output.standardOutput.isEmpty)
    }

    @Test("a bad --idle-exit is a command-line mistake that names the value and what to write")
    func badDuration() {
        let result = runCLI(["run", "--idle-exit", "soon"])
        #expect(result.code == .usage)
        #expect(result.output.standardError.contains("--idle-exit='soon' is not valid"))
        #expect(result.output.standardError.contains("such as 90s, 30m or 2h"))
    }

    @Test("run --recycle-after is gone: the companion no longer restarts itself")
    func recycleAfterRemoved() {
        let result = runCLI(["run", "--recycle-after", "3"])
        #expect(result.code == .usage)
        #expect(result.output.standardError.contains("unknown option '--recycle-after' for run"))
    }

    @Test("`help help`, `help`, `-h` and `--help` all succeed")
    func helpForms() {
        let helpHelp = runCLI(["help", "help"])
        #expect(helpHelp.code == .success)
        #expect(helpHelp.output.standardOutput.hasPrefix("Usage: usage-logger help [COMMAND] [--man]"))
        let main = runCLI(["--help"]).output.standardOutput
        #expect(runCLI(["help"]).output.standardOutput == main)
        #expect(runCLI(["-h"]).output.standardOutput == main)
        #expect(runCLI(["-h", "once"]).output.standardOutput == runCLI(["help", "once"]).output.standardOutput)
    }

    @Test("version, --version and -V print the same line")
    func versionForms() {
        let expected = "usage-logger \(CLI.version)\n"
        for arguments in [["version"], ["--version"], ["-V"]] {
            let result = runCLI(arguments)
            #expect(result.code == .success)
            #expect(result.output.standardOutput == expected)
        }
    }

    @Test("every valid form of the documented commands still parses")
    func validForms() throws {
        let forms: [[String]] = [
            ["once"], ["once", "usage"], ["once", "status", "--due"], ["once", "--due", "all"],
            ["probe", "status"], ["probe", "usage", "--pretty"], ["parse", "status"], ["parse", "usage", "-"],
            ["parse", "status", "capture.txt", "--pretty"], ["parse", "usage", "--pretty", "--", "-odd-name"],
            ["append", "usage"], ["append", "status", "-"], ["append", "diagnostics", "lines.jsonl"],
            ["config"], ["config", "--json"], ["doctor"], ["run"], ["run", "--idle-exit", "30m"],
            ["run", "--idle-exit=90s"], ["run", "--idle-exit", "1800000ms", "--lock-fd", "3"], ["statusline"],
            ["help"], ["help", "once"], ["help", "--man"], ["completions", "zsh"], ["version"],
        ]
        for form in forms {
            let command = try Command.named(form[0])
            #expect(throws: Never.self, "\(form)") {
                try ArgumentParser(spec: command.spec).parse(Array(form.dropFirst()))
            }
        }
    }
}
