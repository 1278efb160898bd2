import Foundation
import Testing

@testable import UsageLogger

@Suite("JSON")
struct JSONTests {
    @Test("parses every kind of value and keeps key order")
    func parse() throws {
        let value = try JSONParser.parse(
            #" {"z": 1, "a": [true, false, null, -2.5e3, "x\n\u00e9\ud83d\ude00"], "e": {}, "f": []} "#)
        #expect(
            value
                == .object([
                    ("z", .int(1)),
                    ("a", .array([.bool(true), .bool(false), .null, .double(-2500), .string("x\né😀")])),
                    ("e", .object([])), ("f", .array([])),
                ]))
    }

    @Test(
        "serialising what was parsed gives the same compact text",
        arguments: [
            #"{"timestamp":"2026-01-01T00:00:00.000Z","n":[1,2.5,null],"s":"quote \" backslash \\ tab \t ctl \u0001","o":{}}"#,
            #"[]"#, #"{"a":{"b":{"c":[{}]}}}"#, #""·""#,
        ])
    func roundTrip(text: String) throws {
        #expect(try JSONParser.parse(text).serialized() == text)
    }

    @Test(
        "rejects what is not JSON, saying where",
        arguments: [
            "", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "01x", "\"unterminated", "{\"a\":1} trailing", "nul",
            "[\"\u{01}\"]",
            "1e999", String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        ])
    func rejects(text: String) {
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(text) }
    }

    @Test("every record usage-logger writes parses back")
    func recordsParse() throws {
        for file in ["status-2.1.55.txt", "status-2.1.330-pty.raw"] {
            let line = runCLI(["parse", "status", Fixtures.path(file)]).output.standardOutput
            #expect(throws: Never.self) { try JSONParser.parse(line.trimmed) }
        }
    }

    @Test("random bytes never crash the parser")
    func fuzz() {
        var random = SplitMix64(seed: 7)
        let seed = Array(#"{"a":[1,2,{"b":"c\u00e9"}],"d":null,"e":-1.5e3,"f":true}"#.utf8)
        for _ in 0..<20_000 {
            var bytes = seed
            for _ in 0..<(1 + random.next(4)) {
                let position = random.next(bytes.count)
                if random.next(2) == 0 {
                    bytes[position] = UInt8(truncatingIfNeeded: random.next(256))
                } else {
                    bytes.remove(at: position)
                }
            }
            _ = try? JSONParser.parse(bytes)
        }
    }

    @Test("SHA-256 matches the standard test vectors")
    func sha256() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)).count == 64)
    }

    @Test("email addresses are replaced everywhere in a text, nothing else")
    func scrub() {
        let hash = RecordContext.anonymized("User@Example.com")
        #expect(hash == "sha256:" + SHA256.hex("user@example.com"))
        #expect(EmailScrubber.scrub("User@Example.com's Organization") == hash + "'s Organization")
        // A domain without a dot is a domain too (`ops@localhost`, issue 9 item 10): `a@b` is hashed.
        #expect(
            EmailScrubber.scrub("no address @ here, a@b, x@y.z.") == "no address @ here, "
                + RecordContext.anonymized("a@b") + ", " + RecordContext.anonymized("x@y.z") + ".")
    }
}
