import Foundation
import Testing

@testable import UsageLogger

/// `PET_ANONYMIZE_EMAIL` and `PET_EXCLUDE_CWD` against odd inputs: addresses in every shape RFC 5322 and IDNA allow
/// (and that people write), directories with spaces, non-ASCII names and the home directory itself.
@Suite("Privacy corpus")
struct PrivacyCorpusTests {
    static let addresses = [
        "jürgen@bücher.de", "ops@localhost", "用户@例子.广告", "δοκιμή@παράδειγμα.δοκιμή", "first.last+tag@example.co.uk",
        "\"john doe\"@example.com", "user@[192.168.0.1]", "user@[IPv6:2001:db8::1]", "ME@EXAMPLE.COM",
        "o'brien@example.org", "under_score-dash%pct@sub-domain.example", "x@y",
    ]

    @Test("every address is replaced by the hash of its lower-cased form, wherever it stands", arguments: addresses)
    func address(_ address: String) {
        let hash = "sha256:" + SHA256.hex(address.lowercased())
        for template in ["%", "Mail % now.", "<%>", "(%), ok", "to:%;", "/home/%/.npm"] {
            let text = template.replacingOccurrences(of: "%", with: address)
            let record = JSONValue.object([("note", .string(text)), ("list", .array([.string(text)]))])
            let stored = RecordPrivacy(anonymizeEmail: true).apply(record)
            let expected = template.replacingOccurrences(of: "%", with: hash)
            #expect(stored["note"]?.stringValue == expected, "\(text)")
            #expect(stored["list"]?.arrayValue?.first?.stringValue == expected, "\(text)")
        }
    }

    @Test("the same address in upper and lower case gets the same hash")
    func caseInsensitive() {
        let upper = RecordPrivacy(anonymizeEmail: true).apply(.string("ME@EXAMPLE.COM"))
        #expect(upper == .string("sha256:" + SHA256.hex("me@example.com")))
    }

    @Test("text without an address is left alone", arguments: ["@anthropic-ai/claude-code", "a @ b", "@", "x@", "@y"])
    func noAddress(_ text: String) {
        #expect(RecordPrivacy(anonymizeEmail: true).apply(.string(text)) == .string(text))
    }

    static let home = "/home/Jürgen Müller"
    static let directories = [
        home, home + "/My Projects/app (copy)", "/srv/código/ツール", "/tmp/a b", home + "/dépôt",
    ]

    @Test("no working directory or home directory survives in any text, fields nulled", arguments: directories)
    func directory(_ directory: String) throws {
        let configuration = try Configuration(environment: ["HOME": Self.home, "PET_EXCLUDE_CWD": "1"])
        let record = JSONValue.object([
            ("cwd", .string(directory)),
            ("status_data", .object([("working_directory", .string(directory))])),
            ("message", .string("cannot read \(directory)/.claude/settings.json")),
            ("details", .object([("path", .string(directory))])),
            ("probe", .object([("command", .array([.string(Self.home + "/.local/bin/claude"), .string("/status")]))])),
            ("raw", .string("cwd: \(directory)\nsibling \(directory)-old stays")),
        ])
        let stored = RecordPrivacy(configuration: configuration).apply(record)
        let placeholder = directory == Self.home ? "~" : "<cwd>"
        // A sibling whose name only starts with the directory's is another directory: only the home part goes.
        let sibling = directory.hasPrefix(Self.home + "/") ? "~" + directory.dropFirst(Self.home.count) : directory
        #expect(stored["cwd"] == .null)
        #expect(stored["status_data"]?["working_directory"] == .null)
        #expect(stored["message"]?.stringValue == "cannot read \(placeholder)/.claude/settings.json")
        #expect(stored["details"]?["path"]?.stringValue == placeholder)
        #expect(stored["probe"]?["command"] == .array([.string("~/.local/bin/claude"), .string("/status")]))
        #expect(stored["raw"]?.stringValue == "cwd: \(placeholder)\nsibling \(sibling)-old stays")
        let text = stored.serialized()
        #expect(!text.contains(Self.home + "/") && !text.contains(Self.home + "\""))
        #expect(!text.contains(directory + "/") && !text.contains(directory + "\""))
    }

    @Test("a directory written in decomposed Unicode is the same directory")
    func decomposed() throws {
        let configuration = try Configuration(environment: ["HOME": "/home/j\u{FC}rgen", "PET_EXCLUDE_CWD": "1"])
        let stored = RecordPrivacy(configuration: configuration).apply(.string("at /home/ju\u{308}rgen/x"))
        #expect(stored == .string("at ~/x"))
    }

    @Test("without the options nothing changes")
    func optionsOff() throws {
        let configuration = try Configuration(environment: ["HOME": Self.home])
        let record = JSONValue.object([
            ("cwd", .string(Self.home)), ("note", .string("jürgen@bücher.de in \(Self.home)")),
        ])
        #expect(RecordPrivacy(configuration: configuration).apply(record) == record)
    }
}
