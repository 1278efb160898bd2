/// `usage.jsonl` lines: the hot path of the report (one a minute, a year is half a million), so no sets or
/// dictionaries here, only flags.
extension LogLineDecoder {
    mutating func usage(_ scanner: inout LineScanner) throws(Invalid) -> ReportSample? {
        var time: Double?
        var sessionID: String?
        var data = UsageFields()
        var hasData = false
        var hasError = false
        var seen: UInt8 = 0
        guard try scanner.openObject() else { return nil }
        repeat {
            let key = try scanner.key()
            if seen & 1 == 0, scanner.token(key, is: "timestamp") {
                seen |= 1
                time = try Self.time(&scanner, depth: 1, &times)
            } else if seen & 2 == 0, scanner.token(key, is: "session_id") {
                seen |= 2
                sessionID = try Self.string(&scanner, depth: 1, &sessions)
            } else if seen & 4 == 0, scanner.token(key, is: "usage_data") {
                seen |= 4
                hasData = try usageData(&scanner, into: &data)
            } else if seen & 8 == 0, scanner.token(key, is: "error") {
                seen |= 8
                hasError = try scanner.skipValueIsPresent(depth: 1)
            } else {
                try scanner.skipValue(depth: 1)
            }
        } while try scanner.nextMember()
        guard let time, hasData else { return nil }
        self.time = time
        // A probe that failed on our side (a timeout, nothing recognised) has only the top-level `error`, or the
        // type `usage_logger`: both read as `probe_failed`, which says what happened.
        if data.errorType == nil, hasError { data.errorType = "probe_failed" }
        if data.errorType == "usage_logger" { data.errorType = "probe_failed" }
        return .usage(
            UsageReading(
                time: time, label: label, source: data.source ?? "unknown", state: data.state,
                errorType: data.errorType, sessionID: sessionID, windows: data.windows))
    }

    /// What `usage_data` holds, gathered before the one `UsageReading` is made (copying that struct field by field
    /// cost a sixth of the reading time in retains and releases).
    struct UsageFields {
        var source: String?
        var state: String?
        var errorType: String?
        var windows: [WindowReading] = []
    }

    /// `usage_data` at depth 1; false (and passed over) when it is not an object.
    private mutating func usageData(_ scanner: inout LineScanner, into data: inout UsageFields) throws(Invalid)
        -> Bool
    {
        guard scanner.peekValue() == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 1)
            return false
        }
        var seen: UInt8 = 0
        guard try scanner.openObject() else { return true }
        repeat {
            let key = try scanner.key()
            if seen & 1 == 0, scanner.token(key, is: "source") {
                seen |= 1
                data.source = try Self.string(&scanner, depth: 2, &words)
            } else if seen & 2 == 0, scanner.token(key, is: "state") {
                seen |= 2
                data.state = try Self.string(&scanner, depth: 2, &words)
            } else if seen & 4 == 0, scanner.token(key, is: "windows") {
                seen |= 4
                data.windows = try windows(&scanner)
            } else if seen & 8 == 0, scanner.token(key, is: "error") {
                seen |= 8
                data.errorType = try errorType(&scanner)
            } else {
                try scanner.skipValue(depth: 2)
            }
        } while try scanner.nextMember()
        return true
    }

    /// `usage_data.windows` at depth 2: every element that is an object with a string `name`.
    private mutating func windows(_ scanner: inout LineScanner) throws(Invalid) -> [WindowReading] {
        guard scanner.peekValue() == UInt8(ascii: "[") else {
            try scanner.skipValue(depth: 2)
            return []
        }
        var windows: [WindowReading] = []
        guard try scanner.openArray() else { return windows }
        windows.reserveCapacity(4)
        repeat {
            if scanner.peekValue() == UInt8(ascii: "{") {
                if let window = try window(&scanner, position: windows.count & 3) { windows.append(window) }
            } else {
                try scanner.skipValue(depth: 3)
            }
        } while try scanner.nextElement()
        return windows
    }

    /// One window object at depth 3.
    private mutating func window(_ scanner: inout LineScanner, position: Int) throws(Invalid) -> WindowReading? {
        var name: String?
        var usedPercent: Double?
        var resetsAt: Double?
        var seen: UInt8 = 0
        guard try scanner.openObject() else { return nil }
        repeat {
            let key = try scanner.key()
            if seen & 1 == 0, scanner.token(key, is: "name") {
                seen |= 1
                name = try Self.string(&scanner, depth: 4, &names)
            } else if seen & 2 == 0, scanner.token(key, is: "used_percent") {
                seen |= 2
                usedPercent = try Self.number(&scanner, depth: 4)
            } else if seen & 4 == 0, scanner.token(key, is: "resets_at") {
                seen |= 4
                resetsAt = try Self.time(&scanner, depth: 4, &resetTimes[position])
            } else {
                try scanner.skipValue(depth: 4)
            }
        } while try scanner.nextMember()
        return name.map { WindowReading(name: $0, usedPercent: usedPercent, resetsAt: resetsAt) }
    }

    /// `usage_data.error.type` at depth 2, when `error` is an object with a string `type`.
    private mutating func errorType(_ scanner: inout LineScanner) throws(Invalid) -> String? {
        guard scanner.peekValue() == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 2)
            return nil
        }
        var type: String?
        var seen = false
        guard try scanner.openObject() else { return nil }
        repeat {
            let key = try scanner.key()
            if !seen, scanner.token(key, is: "type") {
                seen = true
                type = try Self.string(&scanner, depth: 3, &words)
            } else {
                try scanner.skipValue(depth: 3)
            }
        } while try scanner.nextMember()
        return type
    }
}
