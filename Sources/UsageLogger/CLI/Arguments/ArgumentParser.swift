/// Reads a command's words by its `CommandSpec`: options and flags anywhere (`--name value` or `--name=value`),
/// positional arguments in declared order, `-` as a positional (standard input), `--` to end the options.
/// Anything the declaration does not allow is a `CommandLineError`, never silently dropped: an unknown option or
/// word, a missing argument, a second kind or file (`once status usage`), an option given twice, a bad value.
struct ArgumentParser {
    let spec: CommandSpec

    /// The parsed arguments; with `-h` or `--help` anywhere before `--`, only `wantsHelp`, whatever else is there.
    func parse(_ words: [String]) throws(CommandLineError) -> ParsedArguments {
        var parsed = ParsedArguments()
        if words.prefix(while: { $0 != "--" }).contains(where: { Self.helpSpellings.contains($0) }) {
            parsed.wantsHelp = true
            return parsed
        }
        var remaining = words[...]
        var filled = 0  // how many declared arguments have their value
        var optionsEnded = false
        while let word = remaining.popFirst() {
            if word == "--", !optionsEnded {
                optionsEnded = true
            } else if optionsEnded || !word.hasPrefix("-") || word == "-" {
                try positional(word, into: &parsed, filled: &filled)
            } else {
                try option(word, remaining: &remaining, into: &parsed)
            }
        }
        for argument in spec.arguments.dropFirst(filled) where !argument.isOptional && parsed[argument] == nil {
            let allowed = Self.choices(argument)
            throw error("\(spec.name) needs a \(argument.name)" + (allowed.isEmpty ? "" : ": " + allowed))
        }
        return parsed
    }

    private static let helpSpellings = CommandSpec.Option.help.spellings

    /// Where a mistake's message points: the command's own help, but the main help (the list of commands) for
    /// mistakes made with `help` itself.
    private var helpPointer: String? { spec.name == "help" ? nil : spec.name }

    private func error(_ problem: String, typed: String? = nil, candidates: [String] = []) -> CommandLineError {
        guard let typed else { return CommandLineError(problem, command: helpPointer) }
        return CommandLineError(problem, typed: typed, candidates: candidates, command: helpPointer)
    }

    private func positional(_ word: String, into parsed: inout ParsedArguments, filled: inout Int)
        throws(CommandLineError)
    {
        guard filled < spec.arguments.count else { throw extra(word, parsed) }
        let argument = spec.arguments[filled]
        if !argument.values.isEmpty, !argument.values.contains(word) {
            let allowed = Self.choices(argument)
            throw error(
                "unknown \(argument.name) '\(word)' for \(spec.name)" + (allowed.isEmpty ? "" : " (\(allowed))"),
                typed: word, candidates: argument.values)
        }
        parsed.append(word, to: argument)
        if !argument.isRepeatable { filled += 1 }
    }

    /// A word after every argument has its value: the same argument twice, or one too many.
    private func extra(_ word: String, _ parsed: ParsedArguments) -> CommandLineError {
        let again =
            spec.arguments.first { !$0.values.isEmpty && $0.values.contains(word) }
            ?? spec.arguments.first { $0.values.isEmpty }
        if let again, let earlier = parsed[again] {
            return error(
                earlier == word
                    ? "\(spec.name) takes one \(again.name); '\(word)' is given twice"
                    : "\(spec.name) takes one \(again.name), not both '\(earlier)' and '\(word)'")
        }
        let options = spec.visibleOptions.map(\.name)
        if spec.arguments.isEmpty {
            return error("\(spec.name) takes no arguments, not '\(word)'", typed: word, candidates: options)
        }
        return error("unexpected argument '\(word)' for \(spec.name)", typed: word, candidates: options)
    }

    private func option(_ word: String, remaining: inout ArraySlice<String>, into parsed: inout ParsedArguments)
        throws(CommandLineError)
    {
        let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let spelling = word.hasPrefix("--") ? parts[0] : word
        let inline = word.hasPrefix("--") && parts.count == 2 ? parts[1] : nil
        guard let option = spec.option(spelled: spelling) else {
            throw error(
                "unknown option '\(spelling)' for \(spec.name)", typed: spelling,
                candidates: spec.visibleOptions.map(\.name))
        }
        guard option.isRepeatable || !parsed.contains(option) else { throw error("\(option.name) is given twice") }
        guard let valueName = option.valueName else {
            if let inline { throw error("\(option.name) takes no value, not '\(inline)'") }
            parsed.set(option, to: "")
            return
        }
        guard let value = inline ?? remaining.popFirst() else {
            throw error("\(option.name) needs a value: \(valueName)")
        }
        try check(value, of: option)
        parsed.set(option, to: value)
    }

    private func check(_ value: String, of option: CommandSpec.Option) throws(CommandLineError) {
        switch option.valueKind {
        case .text:
            break
        case .duration:
            do { _ = try DurationText.milliseconds(value, variable: option.name) } catch {
                throw self.error(error.description)
            }
        case .number:
            guard let number = Int32(value), number >= 0 else {
                throw error("\(option.name) needs a whole number, not '\(value)'")
            }
        }
    }

    /// `status or usage` for messages; empty when the words are free or too many to list.
    static func choices(_ argument: CommandSpec.Argument) -> String {
        guard argument.listsValues, let last = argument.values.last else { return "" }
        let others = argument.values.dropLast()
        return others.isEmpty ? last : others.joined(separator: ", ") + " or " + last
    }
}
