/// Turns one line of a log into a sample, reading only the fields the report uses but checking the whole line:
/// a line `JSONParser` would refuse (torn, not JSON), one without a readable `timestamp`, and one that is not a
/// record of its log's kind (a usage line without a `usage_data` object, a diagnostic without `details.event`) give
/// nil and are counted as skipped. When a key is repeated the first one counts, as `JSONValue`'s subscript reads it.
struct LogLineDecoder {
    typealias Invalid = LineScanner.Invalid

    let log: LogName
    let label: String
    var times = RecordTime()
    /// One per window position: each window repeats its own reset time from line to line.
    var resetTimes = [RecordTime](repeating: RecordTime(), count: 4)
    var names = StringCache(capacity: 16)
    var words = StringCache(capacity: 32)
    var sessions = StringCache(capacity: 4)
    /// The time of the last sample `decode` returned (read here, not from the sample: `ReportSample.time` copies the
    /// whole payload, a retain per field).
    var time = 0.0

    init(log: LogName, label: String) {
        self.log = log
        self.label = label
    }

    mutating func decode(_ line: UnsafeBufferPointer<UInt8>) -> ReportSample? {
        var scanner = LineScanner(line)
        do {
            let sample: ReportSample?
            switch log {
            case .usage: sample = try usage(&scanner)
            case .status: sample = try status(&scanner)
            case .diagnostics: sample = try diagnostic(&scanner)
            case .sessions, .alerts: return nil  // not logs of readings: `ReportLogReader` never reads them
            }
            try scanner.finish()
            return sample
        } catch {
            return nil
        }
    }

    // MARK: Values

    /// A string value (through `cache` when unescaped); anything else is passed over and gives nil.
    static func string(_ scanner: inout LineScanner, depth: Int, _ cache: inout StringCache) throws(Invalid)
        -> String?
    {
        guard scanner.peekValue() == UInt8(ascii: "\"") else {
            try scanner.skipValue(depth: depth)
            return nil
        }
        return cache.string(try scanner.string(), in: scanner)
    }

    /// A number value; anything else is passed over and gives nil.
    static func number(_ scanner: inout LineScanner, depth: Int) throws(Invalid) -> Double? {
        let next = scanner.peekValue()
        guard next == UInt8(ascii: "-") || next &- UInt8(ascii: "0") < 10 else {
            try scanner.skipValue(depth: depth)
            return nil
        }
        return try scanner.number()
    }

    /// An ISO-8601 date-time string as seconds; anything else is passed over and gives nil.
    static func time(_ scanner: inout LineScanner, depth: Int, _ times: inout RecordTime) throws(Invalid) -> Double? {
        guard scanner.peekValue() == UInt8(ascii: "\"") else {
            try scanner.skipValue(depth: depth)
            return nil
        }
        let token = try scanner.string()
        guard !token.escaped else {
            return Timestamp.date(iso8601: scanner.text(token))?.timeIntervalSince1970
        }
        return times.seconds(scanner.bytes(token))
    }

    // MARK: Status and diagnostics

    private mutating func status(_ scanner: inout LineScanner) throws(Invalid) -> ReportSample? {
        var time: Double?
        var email: String?
        var version: String?
        var model: String?
        var loginMethod: String?
        var organization: String?
        var failed = false
        var seen = Set<Int>()  // status lines are few (hourly), so a set is cheap enough here
        guard try scanner.openObject() else { return nil }
        repeat {
            let key = try scanner.key()
            if scanner.token(key, is: "timestamp"), seen.insert(0).inserted {
                time = try Self.time(&scanner, depth: 1, &times)
            } else if scanner.token(key, is: "email"), seen.insert(1).inserted {
                email = try Self.string(&scanner, depth: 1, &words)
            } else if scanner.token(key, is: "version"), seen.insert(2).inserted {
                version = try Self.string(&scanner, depth: 1, &words)
            } else if scanner.token(key, is: "model"), seen.insert(3).inserted {
                model = try Self.string(&scanner, depth: 1, &words)
            } else if scanner.token(key, is: "error"), seen.insert(4).inserted {
                failed = try scanner.skipValueIsPresent(depth: 1)
            } else if scanner.token(key, is: "status_data"), seen.insert(5).inserted,
                scanner.peekValue() == UInt8(ascii: "{")
            {
                var inner = Set<Int>()
                guard try scanner.openObject() else { continue }
                repeat {
                    let key = try scanner.key()
                    if scanner.token(key, is: "login_method"), inner.insert(0).inserted {
                        loginMethod = try Self.string(&scanner, depth: 2, &words)
                    } else if scanner.token(key, is: "organization"), inner.insert(1).inserted {
                        organization = try Self.string(&scanner, depth: 2, &words)
                    } else {
                        try scanner.skipValue(depth: 2)
                    }
                } while try scanner.nextMember()
            } else {
                try scanner.skipValue(depth: 1)
            }
        } while try scanner.nextMember()
        guard let time else { return nil }
        self.time = time
        return .status(
            StatusReading(
                time: time, label: label, version: version, model: model,
                account: email ?? loginMethod ?? organization, failed: failed))
    }

    private mutating func diagnostic(_ scanner: inout LineScanner) throws(Invalid) -> ReportSample? {
        var time: Double?
        var type: String?
        var severity: String?
        var message: String?
        var event: DiagnosticReading.Event?
        var seen = Set<Int>()
        guard try scanner.openObject() else { return nil }
        repeat {
            let key = try scanner.key()
            if scanner.token(key, is: "timestamp"), seen.insert(0).inserted {
                time = try Self.time(&scanner, depth: 1, &times)
            } else if scanner.token(key, is: "diagnostic_type"), seen.insert(1).inserted {
                type = try Self.string(&scanner, depth: 1, &words)
            } else if scanner.token(key, is: "severity"), seen.insert(2).inserted {
                severity = try Self.string(&scanner, depth: 1, &words)
            } else if scanner.token(key, is: "message"), seen.insert(3).inserted {
                message = try Self.string(&scanner, depth: 1, &words)
            } else if scanner.token(key, is: "details"), seen.insert(4).inserted,
                scanner.peekValue() == UInt8(ascii: "{")
            {
                var eventSeen = false
                guard try scanner.openObject() else { continue }
                repeat {
                    let key = try scanner.key()
                    if !eventSeen, scanner.token(key, is: "event") {
                        eventSeen = true
                        event = try Self.string(&scanner, depth: 2, &words).flatMap(DiagnosticReading.Event.init)
                    } else {
                        try scanner.skipValue(depth: 2)
                    }
                } while try scanner.nextMember()
            } else {
                try scanner.skipValue(depth: 1)
            }
        } while try scanner.nextMember()
        guard let time, let event else { return nil }
        self.time = time
        return .diagnostic(
            DiagnosticReading(
                time: time, label: label, type: type ?? "", severity: severity ?? "", message: message ?? "",
                event: event))
    }
}
