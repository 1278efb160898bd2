import Foundation
import Testing

@testable import UsageLogger

/// The README says what the program and its tests do, in words that stay true.
@Suite("README")
struct ReadmeTests {
    static let readme =
        (try? String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test("the cron line in the README is the one `help once` prints, installed path included")
    func cronLine() throws {
        let help = runCLI(["help", "once"]).output.standardOutput
        let helpLine = try #require(help.split(separator: "\n").first { $0.contains("* * * * *") })
        let cron = helpLine.trimmingCharacters(in: .whitespaces)
        #expect(cron.contains("$HOME/.local/bin/usage-logger once --due"))
        let readmeLines = Self.readme.split(separator: "\n").filter { $0.contains("* * * * *") }
        #expect(!readmeLines.isEmpty)
        for line in readmeLines { #expect(line.hasSuffix(cron), "\(line)") }
    }

    @Test("every link to a section names a heading that exists; none says 'the next section'")
    func sectionLinks() {
        let anchors = Set(
            Self.readme.split(separator: "\n").filter { $0.hasPrefix("#") }.map { heading in
                String(heading.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces).lowercased()
                    .filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" }
                    .replacingOccurrences(of: " ", with: "-")
            })
        let text = Self.readme.replacingOccurrences(of: "\n", with: " ")
        var links: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "](#") {
            let tail = rest[start.upperBound...]
            links.append(String(tail.prefix { $0 != ")" }))
            rest = tail
        }
        #expect(links.contains("settings"))
        for link in links { #expect(anchors.contains(link), "#\(link)") }
        #expect(!Self.readme.contains("the next section"))
    }

    @Test("the install section names what the tests need besides Swift")
    func testRequirements() {
        let install =
            Self.readme.components(separatedBy: "## Install").dropFirst().first?
            .components(separatedBy: "\n## ").first ?? ""
        for needed in ["jq", "python3", "pip", "../shared/tools/real-claude", ".ci/run", "REAL_CLAUDE_TOOL", "stderr"] {
            #expect(install.contains(needed), "\(needed)")
        }
        #expect(!install.contains("nothing else, no packages"))
    }
}
