/// One word as `/bin/sh` reads it back: Claude Code runs the statusLine and hook commands of its settings through
/// a shell, so a path with a space, or a chained command with quotes and `$`, must arrive as the same word.
enum ShellWord {
    /// The bytes a shell takes literally, left unquoted so the usual command stays readable.
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")

    /// `word` as is when every character is plain, else in single quotes (a `'` inside becomes `'\''`).
    static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The words of a command line, each quoted as needed, joined by spaces.
    static func line(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }
}
