/// A mistake on the command line (exit 64), said the one way every command says it: the problem, a "did you
/// mean" when a known word is close, and where to read more:
///
///     unknown option '--verison'; did you mean '--version'? Run 'usage-logger --help'.
///     unknown kind 'stauts' for parse (status or usage); did you mean 'status'? Run 'usage-logger help parse'.
struct CommandLineError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, as a sentence without its final period.
    let problem: String
    /// The known word closest to what was typed, when it is close enough to be a typo.
    var suggestion: String?
    /// The command whose help to point to; nil points to the main help.
    var command: String?

    init(_ problem: String, suggestion: String? = nil, command: String? = nil) {
        self.problem = problem
        self.suggestion = suggestion
        self.command = command
    }

    /// `problem` with a hint for `typed` from `candidates`, if one is close.
    init(_ problem: String, typed: String, candidates: [String], command: String?) {
        self.init(problem, suggestion: Suggestion.closest(to: typed, among: candidates), command: command)
    }

    var description: String {
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "."
        let help = command.map { "usage-logger help \($0)" } ?? "usage-logger --help"
        return problem + hint + " Run '\(help)'."
    }
}
