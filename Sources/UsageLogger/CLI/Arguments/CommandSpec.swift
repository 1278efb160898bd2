/// One command's declaration, written once beside the command (in the spirit of swift-argument-parser's
/// `CommandConfiguration`): its name, arguments, options, help and exit codes. Parsing, "did you mean" hints,
/// `--help`, shell completions and the man page are all derived from it, so they cannot drift apart.
struct CommandSpec: Sendable {
    /// The word that selects the command: `usage-logger <name>`.
    let name: String
    /// One line for the command list, completions and the man page; no final period.
    let abstract: String
    /// Positional arguments, in order.
    var arguments: [Argument] = []
    /// Options and flags; `-h, --help` is added by `allOptions`.
    var options: [Option] = []
    /// The help body, shown between the usage line and the options. Paragraphs are separated by blank lines;
    /// lines indented by two spaces are examples, kept as they are.
    var discussion: String = ""
    /// Text shown after the options (signals, examples), in the same form as `discussion`.
    var epilogue: String = ""
    /// What each exit code means for this command.
    var exitCodes: [ExitCodeNote] = []

    /// A positional argument: either one of a fixed set of words (`status|usage`) or free text such as a file.
    struct Argument: Sendable, Equatable {
        /// What it is called in messages ("kind", "log", "file"); uppercased, the placeholder for free text.
        let name: String
        /// The allowed words; empty for free text.
        var values: [String] = []
        var isOptional = false
        /// Whether it may be given more than once (it then collects every remaining positional argument).
        var isRepeatable = false
        /// Whether shells should complete file names here.
        var isFile = false
        /// One line for the help's argument list; empty leaves it out of the list.
        var help = ""

        /// Whether help and messages list the allowed words (a few), or show a placeholder (free text, or many).
        var listsValues: Bool { !values.isEmpty && values.count <= 4 }

        /// How the synopsis names it: `status|usage`, or `FILE` for free text and long lists.
        var placeholder: String { listsValues ? values.joined(separator: "|") : name.uppercased() }

        /// How the synopsis shows it: `status|usage`, `[FILE]`, `FILE...`.
        var synopsis: String {
            let shown = placeholder + (isRepeatable ? "..." : "")
            return isOptional ? "[\(shown)]" : shown
        }
    }

    /// An option (`--idle-exit DURATION`) or a flag (`--due`).
    struct Option: Sendable, Equatable {
        /// The long name with its dashes: `--idle-exit`.
        let name: String
        /// A one-letter alias with its dash: `-h`.
        var short: String?
        /// The value's placeholder (`DURATION`); nil for a flag.
        var valueName: String?
        /// What the value must be; checked while parsing.
        var valueKind: ValueKind = .text
        let help: String
        /// Parsed but left out of help, completions and the man page (internal hand-overs between our processes).
        var isHidden = false
        /// May be given more than once (`--logs A --logs B`); every value is kept, in order.
        var isRepeatable = false

        /// The kinds of value an option can check before the command runs.
        enum ValueKind: Sendable, Equatable {
            case text
            /// `30m`, `2h`, `90s` or milliseconds, at least one second.
            case duration
            /// A whole number, zero or more.
            case number
        }

        /// Every spelling that selects it.
        var spellings: [String] { [name] + (short.map { [$0] } ?? []) }

        /// How the help's option list shows it: `-h, --help`, `--idle-exit DURATION`.
        var label: String {
            (short.map { $0 + ", " } ?? "") + name + (valueName.map { " " + $0 } ?? "")
        }

        /// How the synopsis shows it: `[--idle-exit DURATION]`, `[--logs DIR]...` when repeatable.
        var synopsis: String { "[" + name + (valueName.map { " " + $0 } ?? "") + "]" + (isRepeatable ? "..." : "") }

        /// `-h, --help`, which every command has.
        static let help = Option(name: "--help", short: "-h", help: "show this help")
    }

    /// What an exit code means for a command: `73/74 the log cannot be created or written`.
    struct ExitCodeNote: Sendable {
        let codes: [ExitCode]
        let meaning: String

        init(_ codes: ExitCode..., meaning: String) {
            self.codes = codes
            self.meaning = meaning
        }

        /// `73/74`.
        var codesText: String { codes.map(\.description).joined(separator: "/") }

        /// `73/74 the log cannot be created or written`.
        var text: String { codesText + " " + meaning }
    }

    /// The declared options and `-h, --help`.
    var allOptions: [Option] { options + [.help] }

    /// The options help, completions and the man page show.
    var visibleOptions: [Option] { allOptions.filter { !$0.isHidden } }

    /// `once [usage|status|all] [--due]`: the name, the arguments, then the visible options but help.
    var synopsis: String {
        ([name] + arguments.map(\.synopsis) + options.filter { !$0.isHidden }.map(\.synopsis))
            .joined(separator: " ")
    }

    /// The synopsis for the main help's list: in full when it fits a line, else the arguments and `[options]`
    /// (`report [SECTION] [options]`), which the command's own help spells out.
    var briefSynopsis: String {
        synopsis.count <= 60 ? synopsis : ([name] + arguments.map(\.synopsis) + ["[options]"]).joined(separator: " ")
    }

    /// The option spelled `word` (`--due`, `-h`), hidden ones included.
    func option(spelled word: String) -> Option? {
        allOptions.first { $0.spellings.contains(word) }
    }
}
