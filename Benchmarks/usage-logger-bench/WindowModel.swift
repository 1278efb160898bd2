import Foundation

/// The plan windows of the generated year: the 5-hour session (starts with the first use after its reset), the
/// weekly window and the weekly Sonnet window (reset every Thursday 23:00 UTC). Percentages rise in working hours
/// (more on weekdays), stop at 100 and fall to 0 at each reset.
struct WindowModel {
    struct Window {
        let name: String
        var used: Double = 0
        var resetsAt: Double
        var resetsText: String
    }

    private(set) var all: [Window]

    init(start: Double) {
        let week = Self.nextWeeklyReset(after: start)
        all = [
            Window(name: "Current session", resetsAt: start + 5 * 3600, resetsText: "5am (UTC)"),
            Window(name: "Current week (all models)", resetsAt: week, resetsText: "Thu at 11pm (UTC)"),
            Window(name: "Current week (Sonnet only)", resetsAt: week, resetsText: "Thu at 11pm (UTC)"),
        ]
    }

    /// Moves to `time`; says whether this minute is one of work.
    mutating func advance(to time: Double, random: inout SplitMix) -> Bool {
        let hour = Int(time / 3600) % 24
        let weekday = (Int(time / 86_400) + 4) % 7  // 1970-01-01 was a Thursday; 0 is Sunday
        let working = weekday >= 1 && weekday <= 5 ? (8..<19).contains(hour) : (10..<13).contains(hour)
        let active = working && random.next() % 100 < 70
        for index in all.indices {
            if time >= all[index].resetsAt {
                all[index].used = 0
                if index == 0 {
                    let next = (time / 3600).rounded(.up) * 3600 + 5 * 3600
                    all[index].resetsAt = next
                    all[index].resetsText = "\(Int(next / 3600) % 24):00 (UTC)"
                } else {
                    all[index].resetsAt = Self.nextWeeklyReset(after: time)
                }
            }
        }
        if active {
            let step = Double(random.next() % 100) / 100
            all[0].used = min(100, (all[0].used + step * 1.6).rounded(toPlaces: 1))
            all[1].used = min(100, (all[1].used + step * 0.06).rounded(toPlaces: 1))
            all[2].used = min(100, (all[2].used + step * 0.03).rounded(toPlaces: 1))
        }
        return active
    }

    /// Thursday 23:00 UTC after `time`.
    private static func nextWeeklyReset(after time: Double) -> Double {
        let week = 7 * 86_400.0
        let anchor = 23 * 3600.0  // 1970-01-01 (a Thursday) 23:00
        return anchor + ((time - anchor) / week).rounded(.down) * week + week
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}

/// A small deterministic random source, so every run writes the same year.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A log written as `LogWriter` would rotate it: a new file before a line would take this one past `maxSize`; at the
/// end the files are named oldest `name.N` … `name.1`, newest `name`.
struct RotatingFile {
    let directory: String
    let name: String
    let maxSize: Int
    private var chunks = 0
    private var pending: [UInt8] = []
    private var size = 0
    private var handle: FileHandle?
    private var total = 0

    init(directory: String, name: String, maxSize: Int) {
        self.directory = directory
        self.name = name
        self.maxSize = maxSize
    }

    private func chunkPath(_ index: Int) -> String { "\(directory)/\(name).chunk-\(index)" }

    mutating func append(_ line: String) throws {
        let length = line.utf8.count + 1
        if size + length > maxSize, size > 0 {
            try flush()
            try handle?.close()
            handle = nil
            chunks += 1
            size = 0
        }
        if handle == nil {
            _ = FileManager.default.createFile(atPath: chunkPath(chunks), contents: nil)
            handle = FileHandle(forWritingAtPath: chunkPath(chunks))
        }
        pending.append(contentsOf: line.utf8)
        pending.append(0x0A)
        size += length
        total += length
        if pending.count > 1 << 20 { try flush() }
    }

    private mutating func flush() throws {
        try handle?.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Closes the last file and names them all; returns the bytes and files written.
    mutating func finish() throws -> (bytes: Int, files: Int) {
        guard handle != nil else { return (0, 0) }
        try flush()
        try handle?.close()
        let count = chunks + 1
        for index in 0..<count {
            let target = index == count - 1 ? name : "\(name).\(count - 1 - index)"
            try FileManager.default.moveItem(atPath: chunkPath(index), toPath: "\(directory)/\(target)")
        }
        return (total, count)
    }
}
