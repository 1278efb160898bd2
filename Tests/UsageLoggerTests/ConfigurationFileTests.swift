import Foundation
import Testing

@testable import UsageLogger

/// The config file is read as written on any system (CRLF, a byte-order mark), capped in size, and a line that is
/// not understood stops every command (exit 78, naming the file, the line and its text) instead of being skipped.
@Suite("config file format")
struct ConfigurationFileTests {
    /// A home with `text` as its config file (0600) and the configuration read from it.
    private func configuration(_ bytes: [UInt8]) throws -> Configuration {
        try withTemporaryDirectory { home throws in
            let file = home.path + "/.config/usage-logger/config.env"
            try? FileManager.default.createDirectory(
                atPath: home.path + "/.config/usage-logger", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(
                atPath: file, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            return try Configuration(environment: ["HOME": home.path])
        }
    }

    private func configuration(_ text: String) throws -> Configuration {
        try configuration(Array(text.utf8))
    }

    @Test(
        "CRLF, CR-only and LF endings all give the same settings",
        arguments: ["\r\n", "\r", "\n"])
    func lineEndings(_ ending: String) throws {
        let text = ["# mine", "PET_USAGE_LOGGING_ENABLED=true", "PET_ANONYMIZE_EMAIL=1", "PET_LOG_MAX_FILES=4", ""]
            .joined(separator: ending)
        let configuration = try configuration(text)
        #expect(configuration.loggingEnabled)
        #expect(configuration.anonymizeEmail)
        #expect(configuration.maxFiles == 4)
    }

    @Test("a UTF-8 byte-order mark does not hide the first line")
    func byteOrderMark() throws {
        let configuration = try configuration([0xEF, 0xBB, 0xBF] + Array("PET_USAGE_LOGGING_ENABLED=true\n".utf8))
        #expect(configuration.loggingEnabled)
    }

    @Test(
        "what .env files hold is understood",
        arguments: [
            "export PET_LOG_MAX_FILES=4", "PET_LOG_MAX_FILES = 4", "  PET_LOG_MAX_FILES=4  ", "PET_LOG_MAX_FILES='4'",
            "PET_LOG_MAX_FILES=\"4\"", "\tPET_LOG_MAX_FILES=4\n  # indented comment\n   \n\n",
        ])
    func understood(_ text: String) throws {
        #expect(try configuration(text).maxFiles == 4)
    }

    @Test(
        "a line that is not understood is an error naming the file, the line number and its text",
        arguments: [
            ("PET_LOG_MAX_FILES=4\nthis is not a setting\n", 2, "this is not a setting"),
            ("\n\nPET LOG MAX FILES=4", 3, "PET LOG MAX FILES=4"), ("=4", 1, "=4"), ("export", 1, "export"),
            ("[usage-logger]\nPET_LOG_MAX_FILES=4", 1, "[usage-logger]"),
            ("PET_STATUSLINE_FORMAT=\"{model}", 1, "PET_STATUSLINE_FORMAT=\"{model}"),
            ("# ok\r\nPET_LOG_MAX_FILES=4\r\n-PET_X=1\r\n", 3, "-PET_X=1"),
        ])
    func notUnderstood(text: String, line: Int, shown: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try configuration(text) }
        let message = error?.description ?? ""
        #expect(message.contains("/.config/usage-logger/config.env"), "\(message)")
        #expect(message.contains("line \(line) (\(shown))"), "\(message)")
    }

    @Test("a line that is not UTF-8 is an error naming it")
    func notUTF8() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try configuration(Array("PET_LOG_MAX_FILES=4\n".utf8) + [0x50, 0xFF, 0x3D, 0x31, 0x0A])
        }
        #expect(error?.description.contains("line 2 is not UTF-8") == true)
    }

    @Test("a config file over 64 KB is refused, naming it, with exit 78")
    func oversize() throws {
        try withTemporaryDirectory { home throws in
            let text = String(
                repeating: "# padding padding padding padding padding padding padding padding\n", count: 1_100)
            let file = home.write(".config/usage-logger/config.env", text + "PET_LOG_MAX_FILES=4\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            let (code, output) = runCLI(["config"], environment: ["HOME": home.path])
            #expect(code == .configuration)
            #expect(output.standardError.contains(file))
            #expect(output.standardError.contains("more than the 64 KB"))
        }
    }

    @Test("a line that is not understood stops a command with exit 78")
    func exitCode() throws {
        try withTemporaryDirectory { home throws in
            let file = home.write(".config/usage-logger/config.env", "PET_LOG_MAX_FILES 4\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            let (code, output) = runCLI(["config"], environment: ["HOME": home.path])
            #expect(code == .configuration)
            #expect(output.standardError.contains("\(file)"))
            #expect(output.standardError.contains("line 1 (PET_LOG_MAX_FILES 4)"))
        }
    }
}
