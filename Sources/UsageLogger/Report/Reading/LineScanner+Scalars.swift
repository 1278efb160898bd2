#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Strings and numbers, checked the way `JSONParser` checks them and read only when asked.
extension LineScanner {
    /// A string at the current `"`: its bytes checked (escapes, control characters, UTF-8) but not copied.
    mutating func string() throws(Invalid) -> Token {
        position += 1  // the opening quote
        var token = Token(start: position, end: position, escaped: false)
        while position < count {
            // Eight bytes at a time while none is special (`"`, `\`, a control character, or non-ASCII), then the
            // first special one on its own.
            while position + 8 <= count {
                let special = Self.specialBytes(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                if special != 0 {
                    position += special.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            guard position < count else { break }
            let byte = base[position]
            // Printable ASCII but `"` and `\`: by far the most common case, one comparison for the range.
            if byte &- 0x20 < 0x60, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                token.end = position
                position += 1
                return token
            }
            if byte == UInt8(ascii: "\\") {
                token.escaped = true
                _ = try escape()
            } else if byte >= 0x80 {
                try utf8Sequence()
            } else {
                throw Invalid()  // a control character
            }
        }
        throw Invalid()  // unterminated
    }

    /// The high bit of each byte of `word` (read little-endian) that is `"`, `\`, below 0x20 or above 0x7F; exact
    /// up to the first such byte, which is all `string()` uses.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let control = word &- ones &* 0x20
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        return (control | zeroQuote | zeroBackslash | word) & highs
    }

    /// The escape at the current `\`, as `JSONParser` decodes it (a lone surrogate becomes U+FFFD; a high one
    /// followed by `\u` must pair with a low one).
    mutating func escape() throws(Invalid) -> Unicode.Scalar {
        position += 1
        guard position < count else { throw Invalid() }
        let byte = base[position]
        position += 1
        if let simple = JSONEscape.simple(byte) { return simple }
        guard byte == UInt8(ascii: "u") else { throw Invalid() }
        let high = try hexQuad()
        if JSONEscape.isHighSurrogate(high), current == UInt8(ascii: "\\"), position + 1 < count,
            base[position + 1] == UInt8(ascii: "u")
        {
            position += 2
            let low = try hexQuad()
            guard JSONEscape.isLowSurrogate(low) else { throw Invalid() }
            return JSONEscape.scalar(high: high, low: low)
        }
        return JSONEscape.scalar(high)
    }

    private mutating func hexQuad() throws(Invalid) -> UInt32 {
        guard position + 4 <= count else { throw Invalid() }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = JSONEscape.hexDigit(base[position + offset]) else { throw Invalid() }
            value = value << 4 | digit
        }
        position += 4
        return value
    }

    /// One multi-byte UTF-8 sequence at the current byte, checked as Swift's `String(validating:)` checks it: no
    /// overlong forms, no surrogates, nothing above U+10FFFF.
    private mutating func utf8Sequence() throws(Invalid) {
        let lead = base[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: throw Invalid()
        }
        guard position + length <= count else { throw Invalid() }
        let second = base[position + 1]
        guard second >= low, second <= high else { throw Invalid() }
        for offset in 2..<length where base[position + offset] & 0xC0 != 0x80 { throw Invalid() }
        position += length
    }

    /// A number at the current byte, as `JSONParser` reads it: an integer that fits is exact, anything else goes
    /// through `Double(String)` and must be finite.
    mutating func number() throws(Invalid) -> Double {
        let start = position
        var negative = false
        if current == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var integer = 0
        let digitsStart = position
        while position < count, base[position] &- UInt8(ascii: "0") < 10 {
            integer = integer &* 10 &+ Int(base[position] &- UInt8(ascii: "0"))
            position += 1
        }
        let integerDigits = position - digitsStart
        guard integerDigits > 0 else { throw Invalid() }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard digits() > 0 else { throw Invalid() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            isInteger = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw Invalid() }
        }
        if isInteger, integerDigits <= 18 { return Double(negative ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        if isInteger, let exact = Int(text) { return Double(exact) }
        guard let double = Double(text), double.isFinite else { throw Invalid() }
        return double
    }

    private mutating func digits() -> Int {
        let start = position
        while position < count, base[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        return position - start
    }

    // MARK: Reading tokens

    /// The bytes of an unescaped token.
    func bytes(_ token: Token) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + token.start, count: token.end - token.start)
    }

    /// A token's text, escapes decoded.
    func text(_ token: Token) -> String {
        guard token.escaped else { return String(decoding: bytes(token), as: UTF8.self) }
        var decoder = LineScanner(bytes(token))
        var scalars = String.UnicodeScalarView()
        var runStart = 0
        while decoder.position < decoder.count {
            guard decoder.base[decoder.position] == UInt8(ascii: "\\") else {
                decoder.position += 1
                continue
            }
            let run = UnsafeBufferPointer(start: decoder.base + runStart, count: decoder.position - runStart)
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            // Already checked when the token was scanned, so this cannot fail.
            scalars.append((try? decoder.escape()) ?? "\u{FFFD}")
            runStart = decoder.position
        }
        let rest = UnsafeBufferPointer(start: decoder.base + runStart, count: decoder.count - runStart)
        scalars.append(contentsOf: String(decoding: rest, as: UTF8.self).unicodeScalars)
        return String(scalars)
    }

    /// Whether an unescaped key is `name` (keys with escapes are compared by their decoded text).
    @inline(__always) func token(_ token: Token, is name: StaticString) -> Bool {
        let length = token.end - token.start
        guard !token.escaped else { return text(token) == name.description }
        guard length == name.utf8CodeUnitCount else { return false }
        return memcmp(base + token.start, name.utf8Start, length) == 0
    }
}
