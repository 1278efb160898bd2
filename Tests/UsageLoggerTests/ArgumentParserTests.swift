import Testing

@testable import UsageLogger

@Suite("Argument parser")
struct ArgumentParserTests {
    static let kind = CommandSpec.Argument(name: "kind", values: ["red", "green"])
    static let files = CommandSpec.Argument(name: "file", isOptional: true, isRepeatable: true, isFile: true)
    static let wait = CommandSpec.Option(name: "--wait", valueName: "DURATION", valueKind: .duration, help: "wait")
    static let quiet = CommandSpec.Option(name: "--quiet", short: "-q", help: "say less")
    static let descriptor = CommandSpec.Option(
        name: "--fd", valueName: "N", valueKind: .number, help: "internal", isHidden: true)
    static let spec = CommandSpec(
        name: "paint", abstract: "Paint", arguments: [kind, files], options: [wait, quiet, descriptor])

    func parse(_ words: [String]) throws(CommandLineError) -> ParsedArguments {
        try ArgumentParser(spec: Self.spec).parse(words)
    }

    @Test("options anywhere, in both spellings, with values separate or after =")
    func options() throws {
        let parsed = try parse(["-q", "red", "--wait=2m", "a", "--fd", "7", "b"])
        #expect(parsed.contains(Self.quiet))
        #expect(parsed.milliseconds(of: Self.wait) == 120_000)
        #expect(parsed.number(of: Self.descriptor) == 7)
        #expect(parsed[Self.kind] == "red")
        #expect(parsed.values(of: Self.files) == ["a", "b"])
        #expect(!parsed.wantsHelp)
    }

    @Test("`-` is an argument and `--` ends the options")
    func dashes() throws {
        let parsed = try parse(["green", "-", "--", "--quiet", "-q"])
        #expect(parsed.values(of: Self.files) == ["-", "--quiet", "-q"])
        #expect(!parsed.contains(Self.quiet))
    }

    @Test("-h or --help anywhere wins over every other mistake")
    func help() throws {
        #expect(try parse(["nonsense", "--bogus", "-h"]).wantsHelp)
        #expect(try parse(["--help"]).wantsHelp)
        #expect(try !parse(["red", "--", "--help"]).wantsHelp)
    }

    @Test(
        "mistakes are errors that say what is wrong",
        arguments: [
            (["blue"], "unknown kind 'blue' for paint (red or green)"),
            ([], "paint needs a kind: red or green"),
            (["red", "--wait"], "--wait needs a value: DURATION"),
            (["red", "--fd", "-1"], "--fd needs a whole number, not '-1'"),
            (["red", "-q", "--quiet"], "--quiet is given twice"),
            (["red", "--quiet=yes"], "--quiet takes no value, not 'yes'"),
            (["red", "--qiuet"], "unknown option '--qiuet' for paint"),
        ])
    func mistakes(words: [String], problem: String) {
        #expect(throws: CommandLineError.self) { try parse(words) }
        do {
            _ = try parse(words)
        } catch {
            #expect(error.problem == problem)
            #expect(error.command == "paint")
        }
    }

    @Test("a hidden option is parsed but never suggested")
    func hidden() {
        do {
            _ = try parse(["red", "--f"])
            Issue.record("--f was accepted")
        } catch {
            #expect(error.suggestion == nil)
        }
        #expect(!Self.spec.visibleOptions.contains(Self.descriptor))
        #expect(!Self.spec.synopsis.contains("--fd"))
    }

    @Test("the synopsis is generated from the declaration")
    func synopsis() {
        #expect(Self.spec.synopsis == "paint red|green [FILE...] [--wait DURATION] [--quiet]")
        #expect(OnceCommand.spec.synopsis == "once [usage|status|all] [--due]")
        #expect(ParseCommand.spec.synopsis == "parse status|usage [FILE] [--pretty]")
        #expect(RunCommand.spec.synopsis == "run [--idle-exit DURATION]")
        #expect(HelpCommand.spec.synopsis == "help [COMMAND] [--man]")
    }

    @Test("the command table is consistent: unique names, options and aliases; abstracts without a final period")
    func table() {
        let names = Command.allCases.map(\.spec.name)
        #expect(names == Command.allCases.map(\.rawValue))
        for spec in Command.allCases.map(\.spec) {
            let spellings = spec.allOptions.flatMap(\.spellings)
            #expect(Set(spellings).count == spellings.count, "\(spec.name)")
            #expect(spec.allOptions.allSatisfy { $0.name.hasPrefix("--") }, "\(spec.name)")
            #expect(!spec.abstract.hasSuffix("."), "\(spec.name)")
            #expect(!spec.exitCodes.isEmpty, "\(spec.name)")
            // Only the last argument may be repeatable, and no required argument follows an optional one.
            #expect(spec.arguments.dropLast().allSatisfy { !$0.isRepeatable }, "\(spec.name)")
            let firstOptional = spec.arguments.firstIndex(where: \.isOptional) ?? spec.arguments.count
            #expect(spec.arguments[firstOptional...].allSatisfy { $0.isOptional }, "\(spec.name)")
        }
    }
}
