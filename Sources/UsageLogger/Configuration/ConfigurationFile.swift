import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The optional `${XDG_CONFIG_HOME:-~/.config}/usage-logger/config.env`: `NAME=value` lines (`export NAME=value`
/// too, values optionally in matching quotes), `#` comments and blank lines, with LF, CRLF or CR line endings and
/// an optional UTF-8 byte-order mark. Any other line is an error, never skipped: a setting silently lost is worse
/// than a refusal. Refused when someone else could have written it, because it chooses which command runs, and
/// when it is larger than 64 KiB, because the statusline reads it on every render.
public enum ConfigurationFile {
    static let maximumBytes = 64 * 1024

    public static func path(environment: [String: String], home: String) -> String {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return configHome + "/usage-logger/config.env"
    }

    /// The file's values; empty when there is no file.
    static func load(_ path: String) throws(ConfigurationError) -> [String: String] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [:] }
        let refuse = { (why: String) in ConfigurationError(variable: "config file", value: path, allowed: why) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw refuse("it is not a regular file") }
        guard info.st_uid == getuid() else { throw refuse("it belongs to another user; it must be yours") }
        guard info.st_mode & 0o022 == 0 else {
            throw refuse("group or others can write it; run chmod go-w '\(path)'")
        }
        let contents: BoundedFile.Contents
        do {
            contents = try BoundedFile.read(path, maximumBytes: maximumBytes)
        } catch {
            throw refuse("it cannot be read: \(error)")
        }
        switch contents {
        case .missing: return [:]
        case .notRegular: throw refuse("it is not a regular file")
        case .tooLarge(let size):
            throw refuse(
                "it is \(ByteCount.text(size)), more than the 64 KB a config file may have; keep only its "
                    + "NAME=value lines")
        case .bytes(let bytes):
            return try values(in: bytes, refuse: refuse)
        }
    }

    /// The `NAME=value` pairs of the file's text; `refuse` makes the error for a line that is not understood.
    static func values(in bytes: [UInt8], refuse: (String) -> ConfigurationError) throws(ConfigurationError)
        -> [String: String]
    {
        var values: [String: String] = [:]
        for (index, line) in lines(of: bytes).enumerated() {
            guard let text = String(validating: line, as: UTF8.self) else {
                throw refuse("line \(index + 1) is not UTF-8; save the file as UTF-8")
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            guard let (name, value) = setting(in: trimmed) else {
                throw refuse(
                    "line \(index + 1) (\(trimmed)) is not NAME=value, a # comment or a blank line; correct or "
                        + "remove it")
            }
            values[name] = value
        }
        return values
    }

    /// The lines of `bytes`, without a leading byte-order mark and without their LF, CRLF or CR endings.
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        var lines: [ArraySlice<UInt8>] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            let byte = text[index]
            guard byte == 0x0A || byte == 0x0D else {
                index += 1
                continue
            }
            lines.append(text[start..<index])
            index += byte == 0x0D && index + 1 < text.endIndex && text[index + 1] == 0x0A ? 2 : 1
            start = index
        }
        if start < text.endIndex { lines.append(text[start...]) }
        return lines
    }

    /// `NAME=value` or `export NAME=value`, NAME a shell variable name, the value unquoted when it is wholly in
    /// matching quotes; nil when the line is neither (a quote left open included).
    private static func setting(in line: String) -> (String, String)? {
        var body = Substring(line)
        if body.hasPrefix("export "), body.contains("=") { body = body.dropFirst(7) }
        guard let equals = body.firstIndex(of: "=") else { return nil }
        let name = body[..<equals].trimmingCharacters(in: .whitespaces)
        guard isVariableName(name) else { return nil }
        var value = body[body.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if let quote = value.first, quote == "\"" || quote == "'" {
            guard value.count >= 2, value.last == quote else { return nil }
            value = String(value.dropFirst().dropLast())
        }
        return (name, value)
    }

    /// Letters, digits and `_`, not starting with a digit (what a shell accepts).
    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
