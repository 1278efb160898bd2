import Foundation
import Testing

@testable import UsageLogger

@Suite("Help text")
struct HelpTextTests {
    @Test("the main help lists every command with its synopsis, each abstract in one measured column")
    func mainRows() throws {
        let help = HelpText.main
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var columns: Set<Int> = []
        for command in Command.allCases {
            let synopsis = "  " + command.spec.briefSynopsis
            let index = try #require(lines.firstIndex { $0.hasPrefix(synopsis) }, "\(command)")
            let row = lines[index]
            // The abstract follows after a gap of at least two spaces, or on the next line when the synopsis is long.
            let rest = row == synopsis ? lines[index + 1] : String(row.dropFirst(synopsis.count))
            #expect(rest.hasPrefix("  "), "no gap before the text of \(command): \(row)")
            let text = rest.drop { $0 == " " }
            #expect(command.spec.abstract.hasPrefix(text.prefix(20)), "\(command)")
            let column = (row == synopsis ? 0 : synopsis.count) + (rest.count - text.count)
            columns.insert(column)
        }
        #expect(columns.count == 1, "abstracts start in different columns: \(columns)")
        #expect(help.contains("\n  run [--idle-exit DURATION]  The companion"))
    }

    @Test("help lines stay within the layout width, examples aside")
    func width() {
        let texts = [HelpText.main] + Command.allCases.map { HelpText.text(for: $0.spec) }
        for text in texts {
            for line in text.split(separator: "\n") where !line.hasPrefix("    ") {
                #expect(line.count <= TextLayout.width + 10, "\(line)")
            }
        }
    }

    @Test("hidden options stay out of help: run --lock-fd is parsed but not shown")
    func hiddenOption() {
        #expect(!HelpText.text(for: RunCommand.spec).contains("--lock-fd"))
        #expect(!HelpText.main.contains("--lock-fd"))
    }

    @Test("a command's help shows its arguments, options and exit codes from the declaration")
    func commandHelp() {
        let help = HelpText.text(for: OnceCommand.spec)
        #expect(help.hasPrefix("Usage: usage-logger once [usage|status|all] [--due]\n\n"))
        #expect(help.contains("\nArguments:\n  usage|status|all  which probe to run"))
        #expect(help.contains("\nOptions:\n  --due       run only what is due"))
        #expect(help.contains("\n  -h, --help  show this help\n"))
        #expect(help.contains("Exit codes: 0 all records written; 69 a probe failed"))
    }

    @Test("wrapping keeps an exit code with its meaning and breaks only between words")
    func wrapping() {
        let glued = "73\(TextLayout.glue)the"
        #expect(TextLayout.wrap("aaa bbb \(glued) log", width: 9) == ["aaa bbb", "73 the", "log"])
        #expect(TextLayout.wrap("", width: 10).isEmpty)
        #expect(TextLayout.wrap("averyveryverylongword x", width: 5) == ["averyveryverylongword", "x"])
    }

    @Test("the README's command table names every command of the table")
    func readmeCommands() throws {
        let readme = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## Commands\n"))
        let end = try #require(readme.range(of: "\n### Exit codes", range: start.upperBound..<readme.endIndex))
        let table = readme[start.upperBound..<end.lowerBound]
        for command in Command.allCases {
            #expect(table.contains("| `usage-logger \(command.rawValue)"), "\(command) is missing from the README")
        }
    }
}
