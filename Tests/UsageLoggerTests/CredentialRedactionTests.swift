import Foundation
import Testing

@testable import UsageLogger

/// No credential is ever stored: a `/status` row that shows one keeps only its kind or source, and anything that
/// looks like a key or token is redacted everywhere in a record, `raw` included, whatever the privacy options.
@Suite("Credential redaction", .serialized, .timeLimit(.minutes(1)))
struct CredentialRedactionTests {
    static let oauthToken = "sk-ant-oat01-" + "Zk3mQ9xVb7Lp2Rt8Wn4Hs6Jd1Fc5Ga0Ey_-AbCdEfGhIjKlMnOpQrStUvWx"
    static let apiKey = "sk-ant-api03-" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4N5m6-abcdefAA"

    /// The fixture's `/status` with the two credential rows replaced.
    private func screen(authToken: String, apiKey: String) -> String {
        Fixtures.text("status-2.1.3.txt")
            .replacingOccurrences(of: "Auth token: none", with: "Auth token: \(authToken)")
            .replacingOccurrences(of: "API key: /login managed key", with: "API key: \(apiKey)")
    }

    private func parsed(_ text: String) throws -> (record: JSONValue, output: String) {
        try withTemporaryDirectory { scratch throws in
            let file = scratch.write("status.txt", text)
            let result = runCLI(["parse", "status", file], environment: ["PET_LOGGING_DEBUG": "1"])
            return (try JSONParser.parse(result.output.standardOutput), result.output.standardOutput)
        }
    }

    @Test(
        "a credential on the screen is stored as its source when the screen names it, else as its kind",
        arguments: [
            (oauthToken, "sk-ant-oat01-…(redacted)"),
            ("\(oauthToken) (CLAUDE_CODE_OAUTH_TOKEN)", "CLAUDE_CODE_OAUTH_TOKEN"),
            ("CLAUDE_CODE_OAUTH_TOKEN · \(oauthToken)", "CLAUDE_CODE_OAUTH_TOKEN"),
            ("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlLXZhbHVl", "Bearer …(redacted)"),
            ("9f8e7d6c5b4a39281706f5e4d3c2b1a0", "…(redacted)"),
        ])
    func authToken(shown: String, stored: String) throws {
        let (record, output) = try parsed(screen(authToken: shown, apiKey: Self.apiKey))
        #expect(record["status_data"]?["auth_token"] == .string(stored))
        #expect(record["status_data"]?["api_key"] == .string("sk-ant-api03-…(redacted)"))
        #expect(record["raw"]?.stringValue?.contains("Auth token:") == true)
        #expect(!output.contains(Self.oauthToken.dropFirst(13)))
        #expect(!output.contains(Self.apiKey.dropFirst(13)))
        #expect(!output.contains("c2lnbmF0dXJlLXZhbHVl"))
        #expect(!output.contains("9f8e7d6c5b4a39281706f5e4d3c2b1a0"))
    }

    @Test(
        "a row that names a source or says none is kept as it is",
        arguments: ["none", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "apiKeyHelper"])
    func sourceKept(_ value: String) throws {
        let (record, _) = try parsed(screen(authToken: value, apiKey: "/login managed key"))
        #expect(record["status_data"]?["auth_token"] == .string(value))
        #expect(record["status_data"]?["api_key"] == .string("/login managed key"))
    }

    @Test(
        "anything that looks like a key or token is redacted in every text",
        arguments: [
            ("Authorization: Bearer abcdef0123456789abcdef", "Authorization: Bearer …(redacted)"),
            ("curl -H 'x-api-key: \(apiKey)'", "curl -H 'x-api-key: sk-ant-api03-…(redacted)'"),
            ("token=3f7a9c0e1b2d4f6a8c0e2b4d6f8a0c2e&x=1", "token=…(redacted)&x=1"),
            (#"{"client_secret":"c2VjcmV0LXZhbHVlLTEyMzQ1Njc4OTA="}"#, #"{"client_secret":"…(redacted)"}"#),
            ("ANTHROPIC_API_KEY=sk-proj-abcdefghijklmnop0123", "ANTHROPIC_API_KEY=sk-…(redacted)"),
            (
                "Proxy: http://alice:hunter2pass@proxy.example:8080",
                "Proxy: http://alice:…(redacted)@proxy.example:8080"
            ),
            ("id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end", "id …(redacted) end"),
        ])
    func inText(text: String, expected: String) {
        #expect(RecordPrivacy().apply(.string(text)) == .string(expected))
    }

    @Test(
        "words about tokens, ids, sources and paths are not secrets",
        arguments: [
            "OAuth token has expired. Please obtain a new token or refresh your existing token.",
            #"{"error_code":"token_expired","request_id":"req_011CRh3h4MjzW9rNPz2k2Qxq"}"#,
            "Session ID: c1489b81-4e61-4f0d-98e0-a7f3e2c378fd", "Auth token: ANTHROPIC_AUTH_TOKEN",
            "API key: /login managed key", "mTLS client key: /etc/ssl/private/client-2024.key",
            "Total tokens: 1234567890123456", "sk-ant-oat01-…(redacted)", "email: sha256:" + SHA256.hex("a@b.c"),
        ])
    func notSecrets(_ text: String) {
        #expect(RecordPrivacy().apply(.string(text)) == .string(text))
    }

    @Test("a member named like a secret keeps no secret-looking value; other members keep theirs")
    func members() {
        let record = JSONValue.object([
            ("api_key", .string("abcd1234efgh5678ijkl9012")), ("mTLS client key", .string("AbC123dEf456GhI789jKl0")),
            ("session_id", .string("abcd1234efgh5678ijkl9012")), ("auth_token", .string("none")),
        ])
        let stored = RecordPrivacy().apply(record)
        #expect(stored["api_key"] == .string("…(redacted)"))
        #expect(stored["mTLS client key"] == .string("…(redacted)"))
        #expect(stored["session_id"] == .string("abcd1234efgh5678ijkl9012"))
        #expect(stored["auth_token"] == .string("none"))
    }

    @Test("random texts made of the pieces that matter never crash the scrubbers, and privacy applied twice is once")
    func fuzz() throws {
        let pieces = [
            "sk-", "sk-ant-", "oat01-", "Bearer ", "basic ", "://", ":", "=", "\"", "'", "token", "key", "@", "eyJ",
            ".", "/", "~", "a", "Z", "1", "9f8e7d6c5b4a3928", "ü", "例", " ", "\n", "…(redacted)", "<cwd>", "/home/me",
            "[", "]", "-", "_",
        ]
        let configuration = try Configuration(environment: [
            "HOME": "/home/me", "PET_ANONYMIZE_EMAIL": "1", "PET_EXCLUDE_CWD": "1",
        ])
        let privacy = RecordPrivacy(configuration: configuration)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            var text = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(seed >> 59) + 1 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            let record = JSONValue.object([("cwd", .string("/home/me/p")), ("note", .string(text))])
            let once = privacy.apply(record)
            #expect(privacy.apply(once) == once, "\(text)")
        }
    }

    @Test("append stores no credential either")
    func append() throws {
        try withTemporaryDirectory { scratch throws in
            let logs = scratch.path + "/logs"
            let line = #"{"note":"used \#(Self.apiKey)","nested":{"token":"3f7a9c0e1b2d4f6a8c0e2b4d6f8a0c2e"}}"#
            let result = runCLI(
                ["append", "usage"], environment: ["PET_LOG_DIR": logs, "PET_USAGE_LOGGING_ENABLED": "1"],
                input: Array(line.utf8))
            #expect(result.code == .success)
            let text = try String(contentsOfFile: logs + "/usage.jsonl", encoding: .utf8)
            #expect(text.hasSuffix(#""note":"used sk-ant-api03-…(redacted)","nested":{"token":"…(redacted)"}}"# + "\n"))
        }
    }
}
