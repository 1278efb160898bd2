/// Sets one `NAME=value` line in the config file's text (`setup --enable-logging`), keeping every other line,
/// comment and line ending as it was: the file is the user's, setup only flips its switch.
enum ConfigurationFileEdit {
    /// `text` with `name=value`: each line that sets `name` (with or without `export `) now sets `value`; when
    /// none does, the line is added at the end.
    static func setting(_ name: String, to value: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        var found = false
        for (index, line) in lines.enumerated() where sets(name, line) {
            let ending = line.hasSuffix("\r") ? "\r" : ""
            let export = line.trimmingCharacters(in: .whitespaces).hasPrefix("export ") ? "export " : ""
            lines[index] = export + name + "=" + value + ending
            found = true
        }
        if !found { lines.append(name + "=" + value + (lines.last?.hasSuffix("\r") == true ? "\r" : "")) }
        return lines.joined(separator: "\n") + (endsWithNewline || !found ? "\n" : "")
    }

    /// Whether `line` is an assignment to `name`.
    private static func sets(_ name: String, _ line: String) -> Bool {
        var body = Substring(line.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("export ") { body = body.dropFirst(7).drop { $0 == " " } }
        guard let equals = body.firstIndex(of: "=") else { return false }
        return body[..<equals].trimmingCharacters(in: .whitespaces) == name
    }
}
