/// Replaces every email address in a text with `sha256:<hex>` of its lower-cased form, so that with
/// `PET_ANONYMIZE_EMAIL` no clear-text address survives anywhere in a record (organization names, raw text).
///
/// It errs towards hashing: any `local@domain` counts, with letters of any script on both sides, a quoted local
/// part (`"john doe"@example.com`), an IP literal (`user@[192.168.0.1]`) and a domain without a dot
/// (`ops@localhost`). So `package@latest` is hashed too; a lost word is better than a leaked address.
enum EmailScrubber {
    /// The longest quoted local part looked for (RFC 5321's limit). Unquoted parts need no limit: the scans from
    /// one `@` never cross another, so the work stays linear in the text.
    private static let maximumQuotedLength = 64

    static func scrub(_ text: String) -> String {
        guard text.contains("@") else { return text }
        let characters = Array(text)
        var output = ""
        var copied = 0  // characters before this index are in `output`
        for index in characters.indices where characters[index] == "@" && index >= copied {
            guard let (start, end) = addressBounds(characters, at: index, notBefore: copied) else { continue }
            output += String(characters[copied..<start])
            output += RecordContext.anonymized(String(characters[start..<end]))
            copied = end
        }
        guard copied > 0 else { return text }
        return output + String(characters[copied...])
    }

    /// The address around the `@` at `at`: a local part before it and a domain after it.
    private static func addressBounds(_ characters: [Character], at: Int, notBefore limit: Int) -> (Int, Int)? {
        guard let start = localStart(characters, at: at, notBefore: limit),
            let end = domainEnd(characters, at: at)
        else { return nil }
        return (start, end)
    }

    private static func localStart(_ characters: [Character], at: Int, notBefore limit: Int) -> Int? {
        if at > limit, characters[at - 1] == "\"" {  // a quoted local part: back to the opening quote
            let floor = max(limit, at - maximumQuotedLength)
            var start = at - 2
            while start >= floor, characters[start] != "\"", !characters[start].isNewline { start -= 1 }
            return start >= floor && characters[start] == "\"" && start < at - 2 ? start : nil
        }
        var start = at
        while start > limit, isLocal(characters[start - 1]) { start -= 1 }
        // Quotes and dots around a word are punctuation, not part of the address: 'me@x.com' → me@x.com.
        while start < at, characters[start] == "." || characters[start] == "'" { start += 1 }
        // A hash we wrote is no local part: `sha256:….@x` is what is left of an address before `.@x`.
        if start >= 7, characters[(start - 7)..<start].elementsEqual("sha256:") { return nil }
        return start < at ? start : nil
    }

    /// Where the domain after the `@` at `at` ends; a further `@domain` right after it belongs to the same address
    /// (`a@b@c` is one address, so nothing of it is left next to a hash).
    private static func domainEnd(_ characters: [Character], at: Int) -> Int? {
        guard var end = singleDomainEnd(characters, at: at) else { return nil }
        while end < characters.count, characters[end] == "@", let next = singleDomainEnd(characters, at: end) {
            end = next
        }
        return end
    }

    private static func singleDomainEnd(_ characters: [Character], at: Int) -> Int? {
        let first = at + 1
        guard first < characters.count else { return nil }
        if characters[first] == "[" {  // an address literal: [192.168.0.1], [IPv6:2001:db8::1]
            var end = first + 1
            while end < characters.count, characters[end].isHexDigit || ".:IPv6".contains(characters[end]) { end += 1 }
            return end < characters.count && characters[end] == "]" && end > first + 1 ? end + 1 : nil
        }
        guard characters[first].isLetter || characters[first].isNumber else { return nil }
        // A hash we wrote is no domain: `x@sha256:…` is what is left of `x@` before an address.
        if characters[first...].starts(with: "sha256:") { return nil }
        var end = first
        while end < characters.count, isDomain(characters[end]) { end += 1 }
        while end > first, characters[end - 1] == "." || characters[end - 1] == "-" { end -= 1 }
        return end
    }

    private static func isLocal(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "._%+-'".contains(character)
    }

    private static func isDomain(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || ".-".contains(character)
    }
}

extension JSONValue {
    /// The same value with `transform` applied to every string (keys untouched).
    func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): .string(transform(text))
        case .array(let values): .array(values.map { $0.mappingStrings(transform) })
        case .object(let members): .object(members.map { ($0.0, $0.1.mappingStrings(transform)) })
        default: self
        }
    }
}
