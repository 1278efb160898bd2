import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The payloads waiting for the collector: `<log dir>/otlp-spool/` (0700), one file per payload (0600, only its
/// JSON) named `<sequence>-<signal>.json` with a 20-digit sequence, so names sort in sending order. Every payload
/// is written here before it is sent and removed only after the collector accepted it, so a collector that is
/// down, or a process that is killed mid-send, loses nothing. Bounded: past `maximumPayloads` or `maximumBytes`
/// the oldest go.
struct OTLPSpool {
    let directory: String

    static let maximumPayloads = 1_000
    static let maximumBytes: Int64 = 10 << 20

    /// One waiting payload.
    struct Entry: Sendable, Equatable {
        var name: String
        var sequence: UInt64
        /// `metrics` or `logs`: the URL path it goes to.
        var signal: String
        var size: Int64
    }

    let maximumPayloads: Int
    let maximumBytes: Int64

    init(logDirectory: String, maximumPayloads: Int = Self.maximumPayloads, maximumBytes: Int64 = Self.maximumBytes) {
        directory = LogPaths(directory: logDirectory).otlpSpool
        self.maximumPayloads = maximumPayloads
        self.maximumBytes = maximumBytes
    }

    /// The waiting payloads, oldest first (other names, such as a write's leftover temporary, are passed over).
    func entries() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var entries: [Entry] = []
        for name in names where name.hasSuffix(".json") {
            let parts = name.dropLast(5).split(separator: "-", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 20, let sequence = UInt64(parts[0]),
                parts[1] == "metrics" || parts[1] == "logs"
            else { continue }
            let size = FileSystem.size(of: directory + "/" + name)
            entries.append(Entry(name: name, sequence: sequence, signal: String(parts[1]), size: size))
        }
        return entries.sorted { $0.sequence < $1.sequence }
    }

    /// Adds `payloads` after the newest waiting one, in order; returns how many of the oldest had to go to keep
    /// the spool within its bounds: the oldest metrics snapshots first (a newer one says the state again), so a
    /// long outage does not push out its limit hits and warnings (logs), whose oldest go only when none is left.
    func add(_ payloads: [(signal: String, body: [UInt8])]) throws -> Int {
        try FileSystem.createDirectory(directory, mode: 0o700)
        removeLeftovers()
        var entries = entries()
        var sequence = entries.last.map { $0.sequence + 1 } ?? 1
        for payload in payloads {
            let name =
                String(repeating: "0", count: max(0, 20 - String(sequence).count)) + String(sequence)
                + "-\(payload.signal).json"
            // Atomic (temporary file, rename): a payload is whole or absent; no fsync, a power cut may lose one.
            try AtomicFile.write(payload.body, to: directory + "/" + name, durable: false)
            entries.append(
                Entry(name: name, sequence: sequence, signal: payload.signal, size: Int64(payload.body.count)))
            sequence += 1
        }
        var dropped = 0
        var bytes = entries.reduce(0) { $0 + $1.size }
        while entries.count > 1, entries.count > maximumPayloads || bytes > maximumBytes {
            let metrics = entries.indices.filter { entries[$0].signal == "metrics" }
            let oldest = entries.remove(at: metrics.count > 1 ? metrics[0] : 0)
            remove(oldest)
            bytes -= oldest.size
            dropped += 1
        }
        return dropped
    }

    /// The temporary files of writes a killed process left: the caller holds `otlp.lock`, so none is in progress.
    private func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.contains(".json.tmp-") { SystemCall.removeQuietly(directory + "/" + name) }
    }

    func read(_ entry: Entry) -> [UInt8]? {
        FileManager.default.contents(atPath: directory + "/" + entry.name).map { [UInt8]($0) }
    }

    func remove(_ entry: Entry) {
        SystemCall.removeQuietly(directory + "/" + entry.name)
    }
}
