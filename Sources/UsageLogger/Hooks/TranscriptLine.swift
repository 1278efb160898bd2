/// The fields of one transcript line that session accounting needs, read with `LineScanner` without building a
/// `JSONValue`: transcripts reach hundreds of MB, mostly message text that is only passed over.
struct TranscriptLine {
    typealias Invalid = LineScanner.Invalid

    var time: Double?
    var cwd: String?
    var version: String?
    var requestID: String?
    var messageID: String?
    var model: String?
    var usage: SessionTokens?
    /// The line's top-level `error` (`rate_limit` on the line Claude Code writes for a refused request).
    var error: String?
    /// The first text of a `<synthetic>` message: what Claude Code showed for a failed request.
    var errorText: String?

    /// Reads the line's top-level object (anything else is passed over).
    mutating func read(_ scanner: inout LineScanner, times: inout RecordTime) throws(Invalid) {
        guard scanner.peekValue() == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 0)
            return
        }
        guard try scanner.openObject() else { return }
        repeat {
            let key = try scanner.key()
            if scanner.token(key, is: "message") {
                try message(&scanner)
            } else if scanner.token(key, is: "timestamp") {
                if let token = try Self.stringToken(&scanner) {
                    time = token.escaped ? nil : times.seconds(scanner.bytes(token))
                }
            } else if scanner.token(key, is: "requestId") {
                requestID = try Self.string(&scanner, depth: 1)
            } else if scanner.token(key, is: "cwd") {
                cwd = try Self.string(&scanner, depth: 1)
            } else if scanner.token(key, is: "version") {
                version = try Self.string(&scanner, depth: 1)
            } else if scanner.token(key, is: "error") {
                error = try Self.string(&scanner, depth: 1)
            } else {
                try scanner.skipValue(depth: 1)
            }
        } while try scanner.nextMember()
    }

    /// `message` at depth 1: its id, model and usage; the content is passed over.
    private mutating func message(_ scanner: inout LineScanner) throws(Invalid) {
        guard scanner.peekValue() == UInt8(ascii: "{") else { return try scanner.skipValue(depth: 1) }
        guard try scanner.openObject() else { return }
        repeat {
            let key = try scanner.key()
            if scanner.token(key, is: "id") {
                messageID = try Self.string(&scanner, depth: 2)
            } else if scanner.token(key, is: "model") {
                model = try Self.string(&scanner, depth: 2)
            } else if scanner.token(key, is: "usage") {
                usage = try Self.usage(&scanner)
            } else if model == "<synthetic>", scanner.token(key, is: "content") {
                errorText = try Self.firstText(&scanner)
            } else {
                try scanner.skipValue(depth: 2)
            }
        } while try scanner.nextMember()
    }

    /// `message.usage` at depth 2; nil when it is not an object.
    private static func usage(_ scanner: inout LineScanner) throws(Invalid) -> SessionTokens? {
        guard scanner.peekValue() == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 2)
            return nil
        }
        var tokens = SessionTokens()
        guard try scanner.openObject() else { return tokens }
        repeat {
            let key = try scanner.key()
            if scanner.token(key, is: "input_tokens") {
                tokens.input = count(try number(&scanner, depth: 3))
            } else if scanner.token(key, is: "output_tokens") {
                tokens.output = count(try number(&scanner, depth: 3))
            } else if scanner.token(key, is: "cache_read_input_tokens") {
                tokens.cacheRead = count(try number(&scanner, depth: 3))
            } else if scanner.token(key, is: "cache_creation_input_tokens") {
                tokens.cacheCreation = count(try number(&scanner, depth: 3))
            } else {
                try scanner.skipValue(depth: 3)
            }
        } while try scanner.nextMember()
        return tokens
    }

    /// The `text` of the first element of `message.content` (depth 2) that has one.
    private static func firstText(_ scanner: inout LineScanner) throws(Invalid) -> String? {
        guard scanner.peekValue() == UInt8(ascii: "["), try scanner.openArray() else {
            try scanner.skipValue(depth: 2)
            return nil
        }
        var found: String?
        repeat {
            guard found == nil, scanner.peekValue() == UInt8(ascii: "{") else {
                try scanner.skipValue(depth: 3)
                continue
            }
            guard try scanner.openObject() else { continue }
            repeat {
                let key = try scanner.key()
                if found == nil, scanner.token(key, is: "text") {
                    found = try string(&scanner, depth: 4)
                } else {
                    try scanner.skipValue(depth: 4)
                }
            } while try scanner.nextMember()
        } while try scanner.nextElement()
        return found
    }

    /// A token count: a whole number from 0 up to a bound no real response reaches; anything else is 0.
    private static func count(_ value: Double?) -> Int {
        guard let value, value >= 0, value < 1e12, value == value.rounded() else { return 0 }
        return Int(value)
    }

    private static func stringToken(_ scanner: inout LineScanner) throws(Invalid) -> LineScanner.Token? {
        guard scanner.peekValue() == UInt8(ascii: "\"") else {
            try scanner.skipValue(depth: 1)
            return nil
        }
        return try scanner.string()
    }

    private static func string(_ scanner: inout LineScanner, depth: Int) throws(Invalid) -> String? {
        guard scanner.peekValue() == UInt8(ascii: "\"") else {
            try scanner.skipValue(depth: depth)
            return nil
        }
        let token = try scanner.string()
        return scanner.text(token)
    }

    private static func number(_ scanner: inout LineScanner, depth: Int) throws(Invalid) -> Double? {
        let next = scanner.peekValue()
        guard next == UInt8(ascii: "-") || next &- UInt8(ascii: "0") < 10 else {
            try scanner.skipValue(depth: depth)
            return nil
        }
        return try scanner.number()
    }
}
