#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last few distinct values of one field (window names, sources, session ids), so that a line repeating a value
/// reuses its `String` instead of allocating a new one: a year of logs says `Current week (all models)` a million
/// times. Keys sit in one flat byte array (an array of arrays cost a retain per comparison).
struct StringCache {
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = []
    private var keyLengths: [Int] = []
    private var values: [String] = []
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// The string for an unescaped token's bytes (escaped tokens are decoded by the scanner and not cached).
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let found = index(of: bytes) { return values[found] }
        let value = String(decoding: bytes, as: UTF8.self)
        if values.count == capacity || keyBytes.count + bytes.count > 64 * capacity {
            // Full: start again rather than track ages; the values in use come back within a line or two.
            keyBytes.removeAll(keepingCapacity: true)
            keyStarts.removeAll(keepingCapacity: true)
            keyLengths.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
        }
        keyStarts.append(keyBytes.count)
        keyLengths.append(bytes.count)
        keyBytes.append(contentsOf: bytes)
        values.append(value)
        return value
    }

    private func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        keyBytes.withUnsafeBufferPointer { stored -> Int? in
            for index in keyLengths.indices where keyLengths[index] == bytes.count {
                guard let left = stored.baseAddress, let right = bytes.baseAddress else { return index }  // empty
                if memcmp(left + keyStarts[index], right, bytes.count) == 0 { return index }
            }
            return nil
        }
    }

    /// The text of a token of `scanner`'s line.
    mutating func string(_ token: LineScanner.Token, in scanner: LineScanner) -> String {
        token.escaped ? scanner.text(token) : string(scanner.bytes(token))
    }
}
