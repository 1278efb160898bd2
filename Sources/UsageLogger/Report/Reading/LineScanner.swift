/// Walks the bytes of one JSON line without building a `JSONValue`: the report reads hundreds of thousands of lines
/// and needs a handful of fields from each. It accepts exactly what `JSONParser` accepts (the same grammar, escapes,
/// surrogate pairs, UTF-8 checks, nesting limit and number range; a test holds the two to it), so a line the report
/// skips as invalid is one `JSONParser` and the README's jq recipes would refuse too.
///
/// The bytes are borrowed: a scanner is valid only while the buffer it was made over is.
struct LineScanner {
    /// The line is not JSON, or not the shape asked for.
    struct Invalid: Error {}

    /// A string's bytes between its quotes, as offsets into the line; `escaped` when it holds a `\` escape.
    struct Token {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    static let maximumDepth = 256

    let base: UnsafePointer<UInt8>
    let count: Int
    var position = 0

    init(_ line: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; any valid pointer does, since nothing is read at `count` 0.
        base = line.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
        count = line.count
    }

    /// The byte at the current position, or 0 at the end (0 is never valid JSON outside a string).
    @inline(__always) var current: UInt8 { position < count ? base[position] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            position += 1
        }
    }

    /// After the document's one value: only white space may follow.
    mutating func finish() throws(Invalid) {
        skipWhitespace()
        guard position == count else { throw Invalid() }
    }

    // MARK: Objects and arrays

    /// Consumes `{`; false when the object is empty (its `}` consumed too).
    mutating func openObject() throws(Invalid) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else { throw Invalid() }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return false
        }
        return true
    }

    /// A member's key and its `:`; the value comes next.
    mutating func key() throws(Invalid) -> Token {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw Invalid() }
        let token = try string()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw Invalid() }
        position += 1
        return token
    }

    /// After a member's value: true at `,` (another member follows), false at `}`.
    mutating func nextMember() throws(Invalid) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            position += 1
            return true
        case UInt8(ascii: "}"):
            position += 1
            return false
        default: throw Invalid()
        }
    }

    /// Consumes `[`; false when the array is empty (its `]` consumed too).
    mutating func openArray() throws(Invalid) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "[") else { throw Invalid() }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return false
        }
        return true
    }

    /// After an element: true at `,`, false at `]`.
    mutating func nextElement() throws(Invalid) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            position += 1
            return true
        case UInt8(ascii: "]"):
            position += 1
            return false
        default: throw Invalid()
        }
    }

    /// What comes next, after white space: `{`, `[`, `"`, or another byte.
    mutating func peekValue() -> UInt8 {
        skipWhitespace()
        return current
    }

    /// Checks and passes over any value at `depth` (the document is depth 0, an object's members one deeper).
    mutating func skipValue(depth: Int) throws(Invalid) {
        guard depth < Self.maximumDepth else { throw Invalid() }
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"):
            guard try openObject() else { return }
            repeat {
                _ = try key()
                try skipValue(depth: depth + 1)
            } while try nextMember()
        case UInt8(ascii: "["):
            guard try openArray() else { return }
            repeat { try skipValue(depth: depth + 1) } while try nextElement()
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal(0x74_72_75_65, length: 4)  // true
        case UInt8(ascii: "f"): try literal(0x66_61_6C_73, length: 5, last: UInt8(ascii: "e"))  // false
        case UInt8(ascii: "n"): try literal(0x6E_75_6C_6C, length: 4)  // null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw Invalid()
        }
    }

    /// Passes over a value and says whether it was anything but `null`.
    mutating func skipValueIsPresent(depth: Int) throws(Invalid) -> Bool {
        let isNull = peekValue() == UInt8(ascii: "n")
        try skipValue(depth: depth)
        return !isNull
    }

    /// `true`, `false` or `null`: the first four bytes as one big-endian word, and for `false` its fifth.
    private mutating func literal(_ word: UInt32, length: Int, last: UInt8 = 0) throws(Invalid) {
        guard position + length <= count else { throw Invalid() }
        let first =
            UInt32(base[position]) << 24 | UInt32(base[position + 1]) << 16 | UInt32(base[position + 2]) << 8
            | UInt32(base[position + 3])
        guard first == word, length == 4 || base[position + 4] == last else { throw Invalid() }
        position += length
    }
}
