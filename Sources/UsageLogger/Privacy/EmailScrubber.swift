/// Replaces every email address in a text with `sha256:<hex>` of its lower-cased form, so that with
/// `PET_ANONYMIZE_EMAIL` no clear-text address survives anywhere in a record (organization names, raw text).
enum EmailScrubber {
    static func scrub(_ text: String) -> String {
        guard text.contains("@") else { return text }
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "@", let (start, end) = addressBounds(characters, at: index),
                start <= index, output.count >= index - start
            {
                output.removeLast(index - start)
                output += RecordContext.anonymized(String(characters[start..<end]))
                index = end
                continue
            }
            output.append(characters[index])
            index += 1
        }
        return output
    }

    /// The address around the `@` at `at`: a local part before it and a dotted domain after it.
    private static func addressBounds(_ characters: [Character], at: Int) -> (Int, Int)? {
        var start = at
        while start > 0, isLocal(characters[start - 1]) { start -= 1 }
        var end = at + 1
        while end < characters.count, isDomain(characters[end]) { end += 1 }
        while end > at + 1, characters[end - 1] == "." { end -= 1 }
        let domain = characters[(at + 1)..<end]
        guard start < at, domain.contains("."), domain.first != "." else { return nil }
        return (start, end)
    }

    private static func isLocal(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._%+-".contains(character))
    }

    private static func isDomain(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".-".contains(character))
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
