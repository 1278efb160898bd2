import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The optional `${XDG_CONFIG_HOME:-~/.config}/usage-logger/config.env`: `KEY=VALUE` lines and `#` comments.
/// Refused when someone else could have written it, because it chooses which command runs.
public enum ConfigurationFile {
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
        guard let data = FileManager.default.contents(atPath: path) else { throw refuse("it cannot be read") }
        var values: [String: String] = [:]
        for (index, line) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let body = text.hasPrefix("export ") ? String(text.dropFirst(7)) : text
            guard let equals = body.firstIndex(of: "=") else {
                throw refuse("line \(index + 1) is not KEY=VALUE")
            }
            let key = body[..<equals].trimmingCharacters(in: .whitespaces)
            var value = body[body.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}
