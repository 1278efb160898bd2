/// Replaces every email address in a text with `sha256:<hex>` of its lower-cased form, so that with
/// `PET_ANONYMIZE_EMAIL` no clear-text address survives anywhere in a record (organization names, raw text).
///
/// It errs towards hashing: any `local@domain` counts, with letters of any script on both sides, a quoted local
/// part (`"john doe"@example.com`), an IP literal (`user@[192.168.0.1]`) and a domain without a dot
/// (`ops@localhost`). So `package@latest` is hashed too; a lost word is better than a leaked address.
enum EmailScrubber {
    /// RFC 5321's limits, which also bound the work done around each `@`.
    private static let maximumLocalLength = 64
    private static let maximumDomainLength = 255

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
        let floor = max(limit, at - maximumLocalLength)
        if at > floor, characters[at - 1] == "\"" {  // a quoted local part: back to the opening quote
            var start = at - 2
            while start >= floor, characters[start] != "\"", !characters[start].isNewline { start -= 1 }
            return start >= floor && characters[start] == "\"" && start < at - 2 ? start : nil
        }
        var start = at
        while start > floor, isLocal(characters[start - 1]) { start -= 1 }
        // Quotes and dots around a word are punctuation, not part of the address: 'me@x.com' → me@x.com.
        while start < at, characters[start] == "." || characters[start] == "'" { start += 1 }
        return start < at ? start : nil
    }

    private static func domainEnd(_ characters: [Character], at: Int) -> Int? {
        let first = at + 1
        guard first < characters.count else { return nil }
        let ceiling = min(characters.count, first + maximumDomainLength)
        if characters[first] == "[" {  // an address literal: [192.168.0.1], [IPv6:2001:db8::1]
            var end = first + 1
            while end < ceiling, characters[end].isHexDigit || ".:IPv6".contains(characters[end]) { end += 1 }
            return end < ceiling && characters[end] == "]" && end > first + 1 ? end + 1 : nil
        }
        guard characters[first].isLetter || characters[first].isNumber else { return nil }
        var end = first
        while end < ceiling, isDomain(characters[end]) { end += 1 }
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
