import Foundation

/// Claude Code's user settings, `${CLAUDE_CONFIG_DIR:-~/.claude}/settings.json`: read strictly (Claude Code itself
/// rejects a file with comments or trailing commas as "Invalid or malformed JSON", anthropics/claude-code#83190,
/// so such a file is refused and left alone), written whole through a temporary file and a rename, never in place.
///
/// A symbolic link at the path (settings kept in a dotfiles repository) is followed on purpose: the file it names
/// is updated, so the link and the repository stay as they are. That file must be a regular file of yours with a
/// single name; anything else (someone else's file, a hard link, a dangling link) is refused.
struct ClaudeSettingsFile {
    let path: String

    /// The most setup reads: settings files are a few kilobytes.
    static let maximumBytes = 4 * 1024 * 1024

    init(configDirectory: String) {
        path = configDirectory + "/settings.json"
    }

    var directory: String { (path as NSString).deletingLastPathComponent }

    /// The file as it is now.
    struct Contents {
        /// Nil when there is no file.
        let bytes: [UInt8]?
        /// `{}` for a missing or empty file.
        let value: JSONValue
        /// Where writes go: `path`, or the file a link at `path` names.
        let target: String
    }

    func read() throws(SetupError) -> Contents {
        let (bytes, target) = try rawContents()
        guard let bytes else { return Contents(bytes: nil, value: .object([]), target: target) }
        return Contents(bytes: bytes, value: try Self.parse(bytes, path: path), target: target)
    }

    /// The file's bytes (nil when there is none), unparsed, and where writes go.
    func rawContents() throws(SetupError) -> (bytes: [UInt8]?, target: String) {
        let target = try writeTarget()
        let contents: BoundedFile.Contents
        do {
            contents = try BoundedFile.read(target, maximumBytes: Self.maximumBytes)
        } catch {
            throw .io("cannot read \(target): \(error)")
        }
        switch contents {
        case .missing: return (nil, target)
        case .notRegular: throw .refusedFile(path: target, reason: "it is not a regular file")
        case .tooLarge(let size):
            throw .refusedFile(path: target, reason: "it is \(ByteCount.text(size)), too large for a settings file")
        case .bytes(let bytes): return (bytes, target)
        }
    }

    /// The settings in `bytes`: an object (`{}` when the file is empty or only white space).
    static func parse(_ bytes: [UInt8], path: String) throws(SetupError) -> JSONValue {
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .object([]) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let (line, column) = position(of: error.offset, in: bytes)
            throw .invalidSettings(path: path, problem: "\(error.reason) at line \(line), column \(column)")
        }
        guard case .object = value else {
            throw .invalidSettings(path: path, problem: "it holds \(SettingsMerger.kind(of: value)), not an object")
        }
        return value
    }

    /// Creates the directory (0700) when it is missing, before a backup or the file is written in it.
    func prepareDirectory() throws(SetupError) {
        guard FileSystem.kind(of: directory) == .missing else { return }
        do {
            try FileSystem.createDirectory(directory, mode: 0o700)
        } catch {
            throw .io("cannot create \(directory): \(error)")
        }
    }

    /// Replaces the file's contents with `bytes` (0600), creating the directory (0700) when missing.
    func write(_ bytes: [UInt8], to target: String) throws(SetupError) {
        try prepareDirectory()
        do {
            try AtomicFile.write(bytes, to: target)
        } catch let error as RefusedFile {
            throw .refusedFile(path: error.path, reason: error.reason)
        } catch {
            throw .io("cannot write \(target): \(error)")
        }
    }

    /// Settings as Claude Code writes them: indented by two spaces, with a final newline.
    static func text(of value: JSONValue) -> [UInt8] {
        Array((value.prettySerialized() + "\n").utf8)
    }

    /// `path`, or the file a symbolic link there names when it is a regular file of ours with a single name.
    private func writeTarget() throws(SetupError) -> String {
        switch FileSystem.kind(of: path) {
        case .missing, .regular: break
        case .symbolicLink:
            guard let resolved = realpath(path, nil) else {
                throw .refusedFile(path: path, reason: "it is a symbolic link to a file that does not exist")
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            if let reason = FileSystem.refusal(at: target) {
                throw .refusedFile(path: path, reason: "it is a symbolic link to \(target), and \(reason)")
            }
            return target
        case .directory: throw .refusedFile(path: path, reason: "it is a directory")
        case .other: throw .refusedFile(path: path, reason: "it is a special file")
        }
        if let reason = FileSystem.refusal(at: path) { throw .refusedFile(path: path, reason: reason) }
        return path
    }

    /// The 1-based line and column of a byte offset, for error messages.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        let before = bytes.prefix(max(0, min(offset, bytes.count)))
        let line = before.filter { $0 == 0x0A }.count + 1
        let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }
}
