/// Decodes a terminal byte stream (UTF-8 text mixed with escape sequences) into `TerminalEvent`s.
///
/// It keeps its state between calls, so a sequence or a UTF-8 character split across two reads is decoded
/// whole. Invalid UTF-8 becomes U+FFFD. OSC, DCS, SOS, PM and APC strings are consumed and dropped.
struct EscapeSequenceParser {
    private enum State {
        case ground
        case escape(intermediates: [UInt8])
        case controlSequence(ControlSequence, current: Int?)
        case commandString(sawEscape: Bool)
    }

    private static let maximumParameters = 32
    private var state = State.ground
    private var utf8 = UTF8Accumulator()

    mutating func feed(_ byte: UInt8, into events: inout [TerminalEvent]) {
        switch state {
        case .ground:
            feedGround(byte, into: &events)
        case .escape(let intermediates):
            feedEscape(byte, intermediates: intermediates, into: &events)
        case .controlSequence(let sequence, let current):
            feedControlSequence(byte, sequence: sequence, current: current, into: &events)
        case .commandString(let sawEscape):
            if byte == 0x07 || (sawEscape && byte == 0x5C) {
                state = .ground
            } else {
                state = .commandString(sawEscape: byte == 0x1B)
            }
        }
    }

    private mutating func feedGround(_ byte: UInt8, into events: inout [TerminalEvent]) {
        if byte < 0x80, utf8.isPending {
            events.append(.print(UTF8Accumulator.replacement))
            utf8 = UTF8Accumulator()
        }
        switch byte {
        case 0x1B:
            state = .escape(intermediates: [])
        case 0x00..<0x20, 0x7F:
            events.append(.control(byte))
        case 0x20..<0x7F:
            events.append(.print(Unicode.Scalar(byte)))
        default:
            for scalar in utf8.add(byte) { events.append(.print(scalar)) }
        }
    }

    private mutating func feedEscape(_ byte: UInt8, intermediates: [UInt8], into events: inout [TerminalEvent]) {
        switch byte {
        case 0x5B where intermediates.isEmpty:  // [
            state = .controlSequence(ControlSequence(parameters: [], intermediates: [], final: 0), current: nil)
        case 0x5D where intermediates.isEmpty, 0x50 where intermediates.isEmpty,  // ] P
            0x58 where intermediates.isEmpty, 0x5E where intermediates.isEmpty, 0x5F where intermediates.isEmpty:
            state = .commandString(sawEscape: false)
        case 0x20...0x2F:
            state = .escape(intermediates: intermediates + [byte])
        case 0x18, 0x1A:  // CAN, SUB abort
            state = .ground
        case 0x1B:
            state = .escape(intermediates: [])
        case 0x00..<0x20:
            events.append(.control(byte))
        default:
            events.append(.escape(intermediates: intermediates, final: byte))
            state = .ground
        }
    }

    private mutating func feedControlSequence(
        _ byte: UInt8, sequence: ControlSequence, current: Int?, into events: inout [TerminalEvent]
    ) {
        var sequence = sequence
        switch byte {
        case 0x30...0x39:
            let digit = Int(byte - 0x30)
            state = .controlSequence(sequence, current: min((current ?? 0) * 10 + digit, 99_999))
        case 0x3B, 0x3A:  // ; and : both separate parameters
            if sequence.parameters.count < Self.maximumParameters { sequence.parameters.append(current) }
            state = .controlSequence(sequence, current: nil)
        case 0x3C...0x3F:  // < = > ? private markers
            if sequence.privateMarker == nil { sequence.privateMarker = byte }
            state = .controlSequence(sequence, current: current)
        case 0x20...0x2F:
            sequence.intermediates.append(byte)
            state = .controlSequence(sequence, current: current)
        case 0x40...0x7E:
            if current != nil || !sequence.parameters.isEmpty { sequence.parameters.append(current) }
            sequence.final = byte
            events.append(.controlSequence(sequence))
            state = .ground
        case 0x18, 0x1A:
            state = .ground
        case 0x1B:
            state = .escape(intermediates: [])
        case 0x00..<0x20:
            events.append(.control(byte))
        default:
            state = .ground  // not a valid sequence byte: drop the sequence
        }
    }
}

/// Assembles UTF-8 bytes (0x80 and above) into scalars, producing U+FFFD for anything malformed.
struct UTF8Accumulator {
    static let replacement: Unicode.Scalar = "\u{FFFD}"
    private var bytes: [UInt8] = []
    private var expected = 0

    var isPending: Bool { !bytes.isEmpty }

    mutating func add(_ byte: UInt8) -> [Unicode.Scalar] {
        if bytes.isEmpty {
            switch byte {
            case 0xC2...0xDF: expected = 2
            case 0xE0...0xEF: expected = 3
            case 0xF0...0xF4: expected = 4
            default: return [Self.replacement]
            }
            bytes = [byte]
            return []
        }
        guard byte & 0xC0 == 0x80 else {
            bytes = []
            return [Self.replacement] + add(byte)
        }
        bytes.append(byte)
        guard bytes.count == expected else { return [] }
        defer { bytes = [] }
        var value = UInt32(bytes[0]) & (expected == 2 ? 0x1F : expected == 3 ? 0x0F : 0x07)
        for continuation in bytes.dropFirst() { value = value << 6 | UInt32(continuation & 0x3F) }
        let minimum: UInt32 = expected == 2 ? 0x80 : expected == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return [Self.replacement] }
        return [scalar]
    }
}
