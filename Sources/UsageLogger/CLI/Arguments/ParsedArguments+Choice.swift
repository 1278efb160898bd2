extension ParsedArguments {
    /// An option's value as one of `type`'s words (`--format json`), `fallback` when it was left out, or a mistake
    /// that lists the words and suggests the closest.
    func choice<Choice: RawRepresentable & CaseIterable>(
        of option: CommandSpec.Option, as type: Choice.Type, default fallback: Choice, command: String
    ) throws(CommandLineError) -> Choice where Choice.RawValue == String {
        guard let value = value(of: option) else { return fallback }
        if let chosen = Choice(rawValue: value) { return chosen }
        let words = Choice.allCases.map(\.rawValue)
        throw CommandLineError(
            "\(option.name) '\(value)' is not one of " + words.joined(separator: ", "), typed: value,
            candidates: words, command: command)
    }
}
