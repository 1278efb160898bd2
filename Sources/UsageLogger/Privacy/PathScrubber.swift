/// Takes known directories out of a text, for `PET_EXCLUDE_CWD`: a working directory becomes `<cwd>`, the home
/// directory `~` (so `~/.local/bin/claude` still says which install ran, not whose). Longer directories go first,
/// so a project inside the home is `<cwd>`, not `~/project`; both the absolute and the `~/…` spelling are caught.
/// A directory matches only whole: `/home/me` is not taken out of `/home/me2`.
struct PathScrubber {
    static let workingDirectoryPlaceholder = "<cwd>"

    private let replacements: [(directory: [Character], replacement: String)]

    init(home: String?, workingDirectories: [String]) {
        let home = home.flatMap(Self.normalized)
        var pairs: [(String, String)] = []
        for directory in workingDirectories.compactMap(Self.normalized) where directory != home {
            pairs.append((directory, Self.workingDirectoryPlaceholder))
            if let home, directory.hasPrefix(home + "/") {
                pairs.append(("~" + directory.dropFirst(home.count), Self.workingDirectoryPlaceholder))
            }
        }
        if let home { pairs.append((home, "~")) }
        replacements = pairs.map { (Array($0.0), $0.1) }.sorted { $0.directory.count > $1.directory.count }
    }

    var isEmpty: Bool { replacements.isEmpty }

    func scrub(_ text: String) -> String {
        guard !replacements.isEmpty, text.contains(where: { $0 == "/" || $0 == "~" }) else { return text }
        let characters = Array(text)
        var output = ""
        var copied = 0
        var index = 0
        while index < characters.count {
            guard characters[index] == "/" || characters[index] == "~", startsWord(characters, at: index),
                let (length, replacement) = match(characters, at: index)
            else {
                index += 1
                continue
            }
            output += String(characters[copied..<index]) + replacement
            index += length
            copied = index
        }
        guard copied > 0 else { return text }
        return output + String(characters[copied...])
    }

    private func match(_ characters: [Character], at index: Int) -> (Int, String)? {
        for (directory, replacement) in replacements {
            let end = index + directory.count
            guard end <= characters.count, characters[index..<end].elementsEqual(directory),
                endsWord(characters, at: end)
            else { continue }
            return (directory.count, replacement)
        }
        return nil
    }

    /// Nothing that continues a file name stands before `index`.
    private func startsWord(_ characters: [Character], at index: Int) -> Bool {
        index == 0 || !(Self.continuesName(characters[index - 1]) || "/~.".contains(characters[index - 1]))
    }

    /// The directory's name ends at `index`: the end, a `/`, or a character no file name would go on with
    /// (a sentence's full stop counts as the end too).
    private func endsWord(_ characters: [Character], at index: Int) -> Bool {
        guard index < characters.count else { return true }
        let next = characters[index]
        if next == "." { return index + 1 == characters.count || !Self.continuesName(characters[index + 1]) }
        return !Self.continuesName(next)
    }

    private static func continuesName(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_".contains(character)
    }

    /// An absolute directory without trailing slashes; nil for `/` and anything relative (nothing to hide, or
    /// nothing that could be found reliably).
    private static func normalized(_ path: String) -> String? {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard path.hasPrefix("/"), path.count > 1 else { return nil }
        return String(path)
    }
}
