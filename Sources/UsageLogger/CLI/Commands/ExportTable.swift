/// Flat rows written as CSV (RFC 4180 quoting, a header line), a JSON array, or one JSON object per line, streamed:
/// rows go into a 64 KiB buffer handed to the console when full, so a year of history never sits in memory.
struct ExportTable {
    enum Format: String, CaseIterable, Sendable { case csv, json, ndjson }

    let format: Format
    let columns: [String]
    private let write: (String) -> Void
    private var buffer: [UInt8] = []
    private var rows = 0
    private var column = 0
    /// `"column":` for each column, made once, in one flat array (an array of arrays costs a retain per cell).
    private var keyBytes: [UInt8] = []
    private var keyRanges: [Range<Int>] = []
    private var times = TimeCache()

    init(format: Format, columns: [String], write: @escaping (String) -> Void) {
        self.format = format
        self.columns = columns
        self.write = write
        buffer.reserveCapacity(Self.flushSize + 4096)
        for column in columns {
            let start = keyBytes.count
            keyBytes.append(contentsOf: ("\"" + column + "\":").utf8)
            keyRanges.append(start..<keyBytes.count)
        }
        switch format {
        case .csv:
            for (index, column) in columns.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                appendCSV(column)
            }
            buffer.append(0x0A)
        case .json: buffer.append(UInt8(ascii: "["))
        case .ndjson: break
        }
    }

    private static let flushSize = 64 * 1024

    /// Starts a row; its cells follow, one per column, then `endRow()`. (Cells are written as they come: a row
    /// built as an array of cells cost more in retains and releases than reading the logs.)
    mutating func beginRow() {
        column = 0
        if format == .json { buffer.append(contentsOf: rows == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A]) }
        if format != .csv { buffer.append(UInt8(ascii: "{")) }
    }

    mutating func text(_ text: String?) {
        separate()
        if let text {
            if format == .csv { appendCSV(text) } else { appendJSONString(text) }
        } else if format != .csv {
            appendNull()
        }
    }

    mutating func number(_ number: Double?) {
        separate()
        if let number { appendNumber(number) } else if format != .csv { appendNull() }
    }

    mutating func time(_ time: Double?) {
        separate()
        guard let time else {
            if format != .csv { appendNull() }
            return
        }
        let quoted = format != .csv
        if quoted { buffer.append(UInt8(ascii: "\"")) }
        times.append(time, to: &buffer)
        if quoted { buffer.append(UInt8(ascii: "\"")) }
    }

    mutating func endRow() {
        if format != .csv { buffer.append(UInt8(ascii: "}")) }
        if format != .json { buffer.append(0x0A) }
        rows += 1
        if buffer.count >= Self.flushSize { flush() }
    }

    /// The comma before every cell but the first, and the key in JSON.
    private mutating func separate() {
        if column > 0 { buffer.append(UInt8(ascii: ",")) }
        if format != .csv {
            let range = keyRanges[column]
            keyBytes.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        }
        column += 1
    }

    /// Ends the output (the JSON array's `]`) and writes what is left.
    mutating func finish() {
        if format == .json { buffer.append(contentsOf: Array((rows == 0 ? "]\n" : "\n]\n").utf8)) }
        flush()
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        write(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendNull() { buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    /// Whole numbers without a fraction (`24`), others in their shortest form (`12.5`).
    private mutating func appendNumber(_ number: Double) {
        if number.rounded() == number, abs(number) < 1e15 {
            buffer.append(contentsOf: String(Int(number)).utf8)
        } else if number.isFinite {
            buffer.append(contentsOf: String(number).utf8)
        } else {
            appendNull()
        }
    }

    /// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
    private mutating func appendCSV(_ text: String) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }

    private mutating func appendJSONString(_ text: String) {
        buffer.append(0x22)
        // Most texts need no escape: copied whole.
        let plain =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }
            } ?? false
        if plain {
            buffer.append(contentsOf: text.utf8)
            buffer.append(0x22)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)],
                ])
            default: buffer.append(byte)
            }
        }
        buffer.append(0x22)
    }

    /// The last few moments written and their bytes: a row repeats its record's time for every window, and reset
    /// times repeat from record to record.
    private struct TimeCache {
        private static let slots = 4
        private var seconds = [Double](repeating: .nan, count: slots)
        /// Each slot's 24 bytes, one after the other.
        private var texts = [UInt8](repeating: 0, count: slots * 24)
        private var next = 0

        mutating func append(_ time: Double, to buffer: inout [UInt8]) {
            var slot = seconds.firstIndex(of: time)
            if slot == nil {
                var text: [UInt8] = []
                text.reserveCapacity(24)
                TimestampBytes.append(time, to: &text)
                guard text.count == 24 else {  // a year beyond 9999 or before 0: not cached
                    buffer.append(contentsOf: text)
                    return
                }
                texts.replaceSubrange((next * 24)..<(next * 24 + 24), with: text)
                seconds[next] = time
                slot = next
                next = (next + 1) % Self.slots
            }
            let start = (slot ?? 0) * 24
            texts.withUnsafeBufferPointer {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<(start + 24)]))
            }
        }
    }
}
