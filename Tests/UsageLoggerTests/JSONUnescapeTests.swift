import Foundation
import Testing

@testable import UsageLogger

/// String unescaping, rewritten to be linear (one UTF-8 buffer, validated once): the same values and the same
/// refusals as before. Its speed on 1 MiB of `\u` escapes is a row of the benchmark (no timed tests here).
@Suite("JSON string unescaping")
struct JSONUnescapeTests {
    @Test(
        "escapes and raw characters mix in any order",
        arguments: [
            (#""a\u00e9b é \ud83d\ude00 \n\t\"\\\/ 例""#, "a\u{E9}b é 😀 \n\t\"\\/ 例"),
            (#""\u0041\u0042""#, "AB"), (#""plain""#, "plain"), (#""""#, ""), (#""é\u00e9é""#, "ééé"),
            (#""\ud83d""#, "\u{FFFD}"), (#""\ude00x""#, "\u{FFFD}x"), (#""\u0000""#, "\u{0}"),
        ])
    func values(json: String, expected: String) throws {
        #expect(try JSONParser.parse(json) == .string(expected))
    }

    @Test(
        "what was refused is still refused",
        arguments: [
            #""\ud83d\u0041""#, #""\x""#, #""\u12""#, #""\u12g4""#, #""abc\"#, "\"a\u{01}\\n\"", #""\n"#,
        ])
    func refused(json: String) {
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(json) }
    }

    @Test("invalid UTF-8 is refused, also next to escapes and when an escape splits a character")
    func invalidUTF8() {
        for bytes: [UInt8] in [
            [0x22, 0xC3, 0x22], [0x22, 0x5C, 0x6E, 0xFF, 0x22], [0x22, 0xC3, 0x5C, 0x6E, 0xA9, 0x22],
        ] {
            #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test("a mebibyte of escapes parses to every character it encodes")
    func large() throws {
        let count = 174_000
        let json = "\"" + String(repeating: #"\u00e9"#, count: count) + #"\ud83d\ude00""#
        let value = try JSONParser.parse(json)
        #expect(value.stringValue?.count == count + 1)
        #expect(value.stringValue?.hasSuffix("é😀") == true)
    }
}
