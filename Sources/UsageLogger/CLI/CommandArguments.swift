/// The arguments of `parse` and `probe`: a kind, an optional file, and `--pretty`.
struct CommandArguments {
    let kind: ProbeKind
    let file: String?
    let pretty: Bool

    /// Parses `arguments`, or returns the message for a usage error.
    static func parse(_ arguments: [String], command: String, allowsFile: Bool) -> Result<CommandArguments, UsageError>
    {
        var positional: [String] = []
        var pretty = false
        for argument in arguments {
            if argument == "--pretty" {
                pretty = true
            } else if argument.hasPrefix("-"), argument != "-" {
                let hint =
                    Suggestion.closest(to: argument, among: ["--pretty", "--help"]).map { "; did you mean '\($0)'?" }
                    ?? ""
                return .failure(UsageError("unknown option '\(argument)' for \(command)\(hint)"))
            } else {
                positional.append(argument)
            }
        }
        guard let kindName = positional.first else {
            return .failure(UsageError("\(command) needs what to read: status or usage"))
        }
        guard let kind = ProbeKind(rawValue: kindName) else {
            let hint =
                Suggestion.closest(to: kindName, among: ["status", "usage"]).map { "; did you mean '\($0)'?" } ?? ""
            return .failure(UsageError("\(command) reads status or usage, not '\(kindName)'\(hint)"))
        }
        let maximum = allowsFile ? 2 : 1
        guard positional.count <= maximum else {
            return .failure(
                UsageError(
                    "\(command) takes \(allowsFile ? "a kind and at most one file" : "only a kind"), got \(positional.joined(separator: " "))"
                ))
        }
        let file = positional.count == 2 && positional[1] != "-" ? positional[1] : nil
        return .success(CommandArguments(kind: kind, file: file, pretty: pretty))
    }
}

extension CommandArguments {
    /// Parses `arguments`, or says what is wrong (with where to find help) and returns nil.
    static func parse(_ arguments: [String], command: String, allowsFile: Bool, console: Console) -> CommandArguments? {
        switch parse(arguments, command: command, allowsFile: allowsFile) {
        case .success(let parsed):
            return parsed
        case .failure(let error):
            console.errorLine(error.message + ". Run 'usage-logger help \(command)'.")
            return nil
        }
    }
}

/// A command-line mistake, said in a sentence.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
