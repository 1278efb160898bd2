/// A command line checked against its `CommandSpec`: what a command's body reads. Every value in it was already
/// validated (known option, allowed word, well-formed duration), so the accessors only look things up.
struct ParsedArguments: Sendable {
    private var positionals: [String: [String]] = [:]
    private var options: [String: [String]] = [:]
    /// `-h` or `--help` was given: show the command's help instead of running it.
    var wantsHelp = false

    init() {}

    mutating func append(_ value: String, to argument: CommandSpec.Argument) {
        positionals[argument.name, default: []].append(value)
    }

    /// Records a value of `option` (after the others given, for a repeatable one).
    mutating func set(_ option: CommandSpec.Option, to value: String) {
        options[option.name, default: []].append(value)
    }

    /// The value given for `argument`, or nil when it was left out.
    subscript(argument: CommandSpec.Argument) -> String? {
        positionals[argument.name]?.first
    }

    /// Every value given for a repeatable `argument`, in order.
    func values(of argument: CommandSpec.Argument) -> [String] {
        positionals[argument.name] ?? []
    }

    /// The value of `argument` as one of the words of `type` (`ProbeKind`, `LogName`); nil when left out.
    func value<Choice: RawRepresentable>(of argument: CommandSpec.Argument, as type: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        self[argument].flatMap(Choice.init(rawValue:))
    }

    /// Whether the flag or option was given.
    func contains(_ option: CommandSpec.Option) -> Bool {
        options[option.name] != nil
    }

    /// The option's value as given, or nil when it was left out.
    func value(of option: CommandSpec.Option) -> String? {
        options[option.name]?.first
    }

    /// Every value given for a repeatable `option`, in order; empty when it was left out.
    func values(of option: CommandSpec.Option) -> [String] {
        options[option.name] ?? []
    }

    /// A `.duration` option's value in milliseconds, or nil when it was left out.
    func milliseconds(of option: CommandSpec.Option) -> Int64? {
        value(of: option).flatMap { try? DurationText.milliseconds($0, variable: option.name) }
    }

    /// A `.number` option's value, or nil when it was left out.
    func number(of option: CommandSpec.Option) -> Int32? {
        value(of: option).flatMap { Int32($0) }
    }
}
