#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads Claude Code's statusLine JSON from a descriptor with bounds: at most `maximumBytes`, and no longer than
/// `deadlineMs` in all, because Claude Code does not always close stdin promptly. Stops as soon as what arrived
/// is a complete JSON value.
enum StatuslineInput {
    static let maximumBytes = 1 << 20
    static let deadlineMs: Int64 = 300

    static func readJSON(from descriptor: Int32 = 0) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = MonotonicClock.nowMilliseconds() + deadlineMs
        while bytes.count < maximumBytes {
            let remaining = deadline - MonotonicClock.nowMilliseconds()
            guard remaining > 0 else { break }
            guard SystemCall.waitReadable(descriptor, milliseconds: Int32(remaining)) else { break }
            let result: Int?
            do { result = try SystemCall.readSome(descriptor, into: &buffer, limit: maximumBytes - bytes.count) } catch
            {
                break
            }
            guard let count = result else { continue }  // not ready after all
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
            if let last = bytes.last(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), last == UInt8(ascii: "}"),
                (try? JSONParser.parse(bytes)) != nil
            {
                break
            }
        }
        return bytes
    }
}
