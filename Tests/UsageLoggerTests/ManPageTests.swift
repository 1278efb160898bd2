import Foundation
import Testing

@testable import UsageLogger

@Suite("Man page")
struct ManPageTests {
    static let checkedIn = Fixtures.packageRoot.appendingPathComponent("usage-logger.1")

    @Test("`help --man` prints roff that starts with .TH")
    func helpMan() {
        let result = runCLI(["help", "--man"])
        #expect(result.code == .success)
        #expect(result.output.standardOutput.hasPrefix(".TH USAGE\\-LOGGER 1 "))
        #expect(result.output.standardOutput == ManPage.text)
    }

    @Test("the checked-in usage-logger.1 is the generated page (regenerate: usage-logger help --man > usage-logger.1)")
    func checkedIn() throws {
        let text = try String(contentsOf: Self.checkedIn, encoding: .utf8)
        #expect(text == ManPage.text)
    }

    @Test("every command, every visible option and every exit code is in it; hidden options are not")
    func complete() {
        let page = ManPage.text
        for spec in Command.allCases.map(\.spec) {
            #expect(page.contains(#".SS "usage\-logger \#(ManPage.escape(spec.name))"#), "\(spec.name)")
            for option in spec.visibleOptions {
                #expect(page.contains(ManPage.escape(option.name)), "\(spec.name) \(option.name)")
            }
        }
        #expect(!page.contains("lock\\-fd"))
        for note in Command.program.exitCodes {
            #expect(page.contains(".B " + note.codesText))
        }
    }

    @Test("roff special characters are escaped")
    func escaping() {
        #expect(ManPage.escape(#"a\b"#) == #"a\eb"#)
        #expect(ManPage.escape("--due") == #"\-\-due"#)
        #expect(ManPage.escape(".hidden") == #"\&.hidden"#)
        #expect(ManPage.escape("'quoted'") == #"\&'quoted'"#)
        let lines = ManPage.text.split(separator: "\n")
        // Every line is a request we wrote or text that cannot be read as one.
        let requests: Set<Substring> = [
            ".TH", ".nh", ".ad", ".SH", ".SS", ".PP", ".TP", ".B", ".BI", ".I", ".RI", ".RS", ".RE", ".nf", ".fi",
        ]
        for line in lines where line.hasPrefix(".") {
            #expect(requests.contains(line.split(separator: " ")[0]), "\(line)")
        }
    }

    @Test("groff reads it without a warning", .enabled(if: ShellScript.find("groff") != nil))
    func groff() throws {
        let result = try #require(ShellScript.run("groff", ["-man", "-ww", "-z"], input: ManPage.text))
        #expect(result.status == 0)
        #expect(result.error.isEmpty, "\(result.error)")
    }
}
