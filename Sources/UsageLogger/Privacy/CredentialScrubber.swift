/// Redacts anything that looks like a credential, whatever the privacy options: no key or token is ever stored.
/// What stays says what it was: `sk-ant-oat01-…(redacted)`, `Bearer …(redacted)`, `token=…(redacted)`,
/// `http://alice:…(redacted)@proxy`. Caught: Anthropic and other `sk-` keys, `Bearer`/`Basic` credentials, JSON
/// Web Tokens, the password in a URL, and a long value with letters and digits after a label that names a token,
/// key, secret or password (`Auth token: 9f8e…`, `"client_secret":"…"`, `token=…`).
enum CredentialScrubber {
    static let mark = "…(redacted)"

    /// Words in a label (or a member name) that say a secret follows.
    private static let secretWords = ["token", "key", "secret", "password", "passwd", "credential"]

    static func scrub(_ text: String) -> String {
        guard mightHoldSecret(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let (kept, end) = match(scalars, at: index) {
                output.append(contentsOf: kept.unicodeScalars)
                output.append(contentsOf: mark.unicodeScalars)
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// What a `/status` credential row (`Auth token`, `API key`) may keep: the environment variable or helper it
    /// came from when the row names one, else the row with its secret redacted (its kind stays).
    static func source(of value: String) -> String {
        let scrubbed = scrub(value)
        let secret = scrubbed != value || looksLikeSecret(value)
        guard secret else { return value }
        if let name = value.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            .first(where: isSourceName)
        {
            return String(name)
        }
        return scrubbed != value ? scrubbed : mark
    }

    /// The value of a member whose name says it holds a secret (`api_key`, `client_secret`): redacted when the
    /// whole value looks like one.
    static func scrub(member name: String, value: String) -> String {
        let lowered = name.lowercased()
        guard secretWords.contains(where: lowered.contains), looksLikeSecret(value) else { return scrub(value) }
        let scrubbed = scrub(value)
        return scrubbed != value ? scrubbed : mark
    }

    /// An environment variable that holds a credential (`CLAUDE_CODE_OAUTH_TOKEN`, `ANTHROPIC_API_KEY`) or
    /// Claude Code's `apiKeyHelper`.
    private static func isSourceName(_ word: Substring) -> Bool {
        if word == "apiKeyHelper" { return true }
        guard word.contains("_"), word.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) else { return false }
        return ["_TOKEN", "_KEY", "_SECRET"].contains { word.contains($0) }
    }

    /// A run of 16 or more key characters with both letters and digits, not a path.
    static func looksLikeSecret(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        return scalars.count >= 16 && scalars.allSatisfy(isValueCharacter) && isSecretRun(scalars[...])
    }

    /// A cheap test that skips almost every text.
    private static func mightHoldSecret(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["sk-", "bearer", "basic", "eyj", "://"].contains(where: lowered.contains)
            || secretWords.contains(where: lowered.contains)
    }

    /// The text to keep and where the redacted part ends, when a secret starts at `index`.
    private static func match(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        let startsWord = index == 0 || !isKeyCharacter(scalars[index - 1])
        if startsWord,
            let found = apiKey(scalars, at: index) ?? scheme(scalars, at: index) ?? webToken(scalars, at: index)
        {
            return found
        }
        return userInfo(scalars, at: index) ?? labelled(scalars, at: index)
    }

    /// `sk-ant-oat01-…`, `sk-ant-api03-…` (the kind kept), or any other `sk-…` key.
    private static func apiKey(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        guard hasPrefix(scalars, "sk-", at: index) else { return nil }
        let end = runEnd(scalars, from: index, while: isKeyCharacter)
        let text = String(String.UnicodeScalarView(scalars[index..<end]))
        let parts = text.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        if parts.count == 4, parts[1] == "ant", !parts[2].isEmpty, parts[2].count <= 12,
            parts[2].allSatisfy({ $0.isLowercase || $0.isNumber })
        {
            // Only the kind is left of an already redacted key: nothing more to take.
            return parts[3].count >= 8 ? ("sk-ant-\(parts[2])-", end) : nil
        }
        return end - index >= 3 + 16 ? ("sk-", end) : nil
    }

    /// `Bearer <credentials>` and `Basic <credentials>`.
    private static func scheme(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        for word in ["bearer", "basic"] {
            let after = index + word.unicodeScalars.count
            guard after < scalars.count, hasPrefix(scalars, word, at: index, ignoringCase: true),
                scalars[after] == " "
            else { continue }
            let start = runEnd(scalars, from: after, while: { $0 == " " })
            let end = runEnd(scalars, from: start, while: isValueCharacter)
            guard end - start >= 8 else { return nil }
            return (String(String.UnicodeScalarView(scalars[index..<start])), end)
        }
        return nil
    }

    /// A JSON Web Token: `eyJ…` in three dot-separated parts.
    private static func webToken(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        guard hasPrefix(scalars, "eyJ", at: index) else { return nil }
        let end = runEnd(scalars, from: index, while: { isKeyCharacter($0) || $0 == "." })
        let dots = scalars[index..<end].filter { $0 == "." }.count
        return end - index >= 20 && dots == 2 ? ("", end) : nil
    }

    /// The password of `scheme://user:password@host`.
    private static func userInfo(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        guard hasPrefix(scalars, "://", at: index) else { return nil }
        let start = index + 3
        let end = runEnd(scalars, from: start, limit: 256, while: isUserInfoCharacter)
        guard end < scalars.count, scalars[end] == "@",
            let colon = scalars[start..<end].firstIndex(of: ":"), colon + 1 < end
        else { return nil }
        return (String(String.UnicodeScalarView(scalars[index...colon])), end)
    }

    /// `<label>: <secret>` or `<label>=<secret>`, the label naming a token, key, secret or password: at the
    /// separator, whose label is the word just before it (quotes and spaces skipped).
    private static func labelled(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        guard scalars[index] == ":" || scalars[index] == "=" else { return nil }
        var wordEnd = index
        while wordEnd > 0, scalars[wordEnd - 1] == "\"" || scalars[wordEnd - 1] == " " { wordEnd -= 1 }
        var wordStart = wordEnd
        while wordStart > 0, isKeyCharacter(scalars[wordStart - 1]) { wordStart -= 1 }
        let label = String(String.UnicodeScalarView(scalars[wordStart..<wordEnd])).lowercased()
        guard secretWords.contains(where: label.contains) else { return nil }
        let start = runEnd(scalars, from: index + 1, while: { $0 == " " || $0 == "\"" || $0 == "'" })
        let end = runEnd(scalars, from: start, while: isValueCharacter)
        // An `sk-` key is left to `apiKey`, which keeps its kind.
        guard end - start >= 16, !hasPrefix(scalars, "sk-", at: start), isSecretRun(scalars[start..<end]) else {
            return nil
        }
        return (String(String.UnicodeScalarView(scalars[index..<start])), end)
    }

    /// Letters and digits both, and not a path.
    private static func isSecretRun(_ run: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = run.first, !"/~.".unicodeScalars.contains(first) else { return false }
        return run.contains { $0.properties.numericType != nil } && run.contains { $0.properties.isAlphabetic }
    }

    private static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }

    /// What RFC 3986 allows in a URL's `user:password` (unreserved, percent-encoded and sub-delimiters).
    private static func isUserInfoCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isKeyCharacter(scalar) || ".~%!$&()*+,;=:".unicodeScalars.contains(scalar)
    }

    /// Base64, base64url and hex characters.
    private static func isValueCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isKeyCharacter(scalar) || "+/=.~".unicodeScalars.contains(scalar)
    }

    private static func runEnd(
        _ scalars: [Unicode.Scalar], from start: Int, limit: Int = .max, while accepts: (Unicode.Scalar) -> Bool
    ) -> Int {
        var end = start
        while end < scalars.count, end - start < limit, accepts(scalars[end]) { end += 1 }
        return end
    }

    private static func hasPrefix(
        _ scalars: [Unicode.Scalar], _ prefix: String, at index: Int, ignoringCase: Bool = false
    ) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        guard index + wanted.count <= scalars.count else { return false }
        return zip(scalars[index..<(index + wanted.count)], wanted).allSatisfy { have, want in
            ignoringCase ? String(have).lowercased() == String(want) : have == want
        }
    }
}
