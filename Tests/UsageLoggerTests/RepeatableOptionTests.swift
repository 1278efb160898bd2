import Testing

@testable import UsageLogger

@Suite("Repeatable options")
struct RepeatableOptionTests {
    static let logs = CommandSpec.Option(name: "--logs", valueName: "DIR", help: "a directory", isRepeatable: true)
    static let since = CommandSpec.Option(name: "--since", valueName: "WHEN", help: "from")
    static let spec = CommandSpec(name: "read", abstract: "Read", options: [logs, since])

    @Test("a repeatable option keeps every value in order, in both spellings; others stay single")
    func keepsEveryValue() throws {
        let parsed = try ArgumentParser(spec: Self.spec).parse([
            "--logs", "a", "--since", "7d", "--logs=b=c", "--logs", "d",
        ])
        #expect(parsed.values(of: Self.logs) == ["a", "b=c", "d"])
        #expect(parsed.value(of: Self.logs) == "a")
        #expect(parsed.values(of: Self.since) == ["7d"])
        #expect(parsed.values(of: CommandSpec.Option.help).isEmpty)
        #expect(throws: CommandLineError.self) {
            try ArgumentParser(spec: Self.spec).parse(["--since", "7d", "--since", "1d"])
        }
    }

    @Test("the synopsis marks a repeatable option with ...; help lists it once")
    func synopsis() {
        #expect(Self.spec.synopsis == "read [--logs DIR]... [--since WHEN]")
        #expect(HelpText.text(for: Self.spec).components(separatedBy: "--logs DIR").count == 3)  // usage line + list
    }
}
