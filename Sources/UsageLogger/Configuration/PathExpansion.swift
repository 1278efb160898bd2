/// A leading `~/` or a bare `~` in the settings that name a program (`PET_CLAUDE_COMMAND`, and the first word of
/// `PET_STATUS_COMMAND` and `PET_USAGE_COMMAND`), expanded to the home directory as a shell would have done when
/// the value was typed: a config file or a quoted export keeps `~/bin/claude` as it is, and no program is found
/// there. Only the start is expanded (not `~user`, not a `~` later in the word), as in a shell assignment.
enum PathExpansion {
    /// The three command settings with `~` expanded at the start of each program's path.
    static func commands(_ claude: String, _ status: [String], _ usage: [String], home: String) -> (
        claude: String, status: [String], usage: [String]
    ) {
        (program(claude, home: home), firstWord(status, home: home), firstWord(usage, home: home))
    }

    /// `~` or `~/…` with the home directory put in; anything else as it is.
    static func program(_ path: String, home: String) -> String {
        Configuration.expandingTilde(path, home: home) ?? path
    }

    private static func firstWord(_ words: [String], home: String) -> [String] {
        guard let first = words.first else { return words }
        return [program(first, home: home)] + words.dropFirst()
    }
}
