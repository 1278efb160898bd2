/// One thing a terminal must act on, as decoded from the byte stream by `EscapeSequenceParser`.
enum TerminalEvent: Equatable {
    /// A printable character.
    case print(Unicode.Scalar)
    /// A C0 control byte such as CR, LF, BS or TAB.
    case control(UInt8)
    /// `ESC [ <private> <parameters> <intermediates> <final>`; missing parameters are nil.
    case controlSequence(ControlSequence)
    /// `ESC <intermediates> <final>`, e.g. `ESC 7` or `ESC ( B`.
    case escape(intermediates: [UInt8], final: UInt8)
}

/// A parsed CSI sequence.
struct ControlSequence: Equatable {
    var privateMarker: UInt8?
    var parameters: [Int?]
    var intermediates: [UInt8]
    var final: UInt8

    /// Parameter `index`, or `defaultValue` when it is missing or zero (as VT100 moves treat 0).
    func parameter(_ index: Int, default defaultValue: Int) -> Int {
        guard index < parameters.count, let value = parameters[index], value != 0 else { return defaultValue }
        return value
    }

    /// Parameter `index` where zero is a real value (erase modes), or `defaultValue` when missing.
    func mode(_ index: Int = 0, default defaultValue: Int = 0) -> Int {
        guard index < parameters.count, let value = parameters[index] else { return defaultValue }
        return value
    }
}
